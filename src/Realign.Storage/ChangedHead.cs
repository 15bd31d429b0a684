namespace Realign.Storage;

/// <summary>One entry of a pull: the entity head (JSON of <see cref="Realign.Core.Contract.SyncItem"/>) at its change sequence.</summary>
public readonly record struct ChangedHead(long Seq, string HeadJson);
