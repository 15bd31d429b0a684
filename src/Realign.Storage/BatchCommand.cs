using Realign.Core.Merge;

namespace Realign.Storage;

/// <summary>An admitted push batch: writes already validated and stamped by <see cref="Realign.Core.Rules.ItemAdmission"/>.</summary>
/// <remarks>Applied all or nothing in one transaction; <see cref="BatchId"/> makes it replayable. <see cref="RequestHash"/>
/// (the SHA-256 of the push body) is kept with the idempotency record: the same batch id with another body, or from
/// another principal, is refused with <see cref="BatchIdReusedException"/>.</remarks>
public sealed record BatchCommand(string TenantId, string PrincipalId, string BatchId, IReadOnlyList<Write> Writes, long NowMicros, string? RequestHash = null)
{
    /// <summary>The automation runner lease the batch is written under (a server's own automations), or null for a push.</summary>
    /// <remarks>When set, the batch applies only while the lease is held at <see cref="NowMicros"/>, else
    /// <see cref="RunnerLeaseLostException"/> and nothing is stored; the same transaction extends the lease.</remarks>
    public RunnerFence? Fence { get; init; }
}
