using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Storage.Internal;

/// <summary>The running state of one write transaction: the tenant sequence, results and audit rows so far.</summary>
internal sealed class BatchRun(string tenantId, string principalId, string? batchId, long nowMicros, long seq, SchemaPolicy policy)
{
    public string TenantId { get; } = tenantId;

    public string PrincipalId { get; } = principalId;

    public string? BatchId { get; } = batchId;

    public long NowMicros { get; } = nowMicros;

    public SchemaPolicy Policy { get; } = policy;

    public long Seq { get; set; } = seq;

    public string? ForcedAccept { get; set; }

    public List<ItemResultDto> Results { get; } = [];

    public List<EventEntry> Events { get; } = [];
}
