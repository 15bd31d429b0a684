namespace Realign.Storage;

/// <summary>One entry of a pull: the entity head (UTF-8 JSON of <see cref="Realign.Core.Contract.SyncItem"/>) at its change sequence.</summary>
/// <remarks>The head is the stored bytes, carried to the response without a round trip through a .NET string.</remarks>
public readonly record struct ChangedHead(long Seq, ReadOnlyMemory<byte> HeadUtf8);
