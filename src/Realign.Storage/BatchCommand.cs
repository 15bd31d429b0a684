using Realign.Core.Merge;

namespace Realign.Storage;

/// <summary>An admitted push batch: writes already validated and stamped by <see cref="Realign.Core.Rules.ItemAdmission"/>.</summary>
/// <remarks>Applied all or nothing in one transaction; <see cref="BatchId"/> makes it replayable. <see cref="RequestHash"/>
/// (the SHA-256 of the push body) is kept with the idempotency record: the same batch id with another body, or from
/// another principal, is refused with <see cref="BatchIdReusedException"/>.</remarks>
public sealed record BatchCommand(string TenantId, string PrincipalId, string BatchId, IReadOnlyList<Write> Writes, long NowMicros, string? RequestHash = null);
