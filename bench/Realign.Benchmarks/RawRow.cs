namespace Realign.Benchmarks;

/// <summary>One row of the <c>entities</c> table, every column, as the server would write it.</summary>
internal sealed record RawRow(
    string TenantId,
    string EntityType,
    string EntityId,
    string Payload,
    string FieldStamps,
    string Head,
    long TruthLevel,
    long? LastModifiedByLevel,
    bool AcceptedByUser,
    bool Deleted,
    long Version,
    string OriginChain,
    long LastModifiedAt,
    long ChangedAt,
    long Seq);
