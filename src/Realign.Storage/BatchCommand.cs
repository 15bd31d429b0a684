using Realign.Core.Merge;

namespace Realign.Storage;

/// <summary>An admitted push batch: writes already validated and stamped by <see cref="Realign.Core.Rules.ItemAdmission"/>.</summary>
/// <remarks>Applied all or nothing in one transaction; <see cref="BatchId"/> makes it replayable.</remarks>
public sealed record BatchCommand(string TenantId, string PrincipalId, string BatchId, IReadOnlyList<Write> Writes, long NowMicros);
