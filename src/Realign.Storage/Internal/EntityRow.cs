namespace Realign.Storage.Internal;

/// <summary>The column values of one <c>entities</c> row (tenant and change time are per batch).</summary>
internal sealed record EntityRow(
    string EntityType,
    string EntityId,
    string Payload,
    string FieldStamps,
    string Head,
    int TruthLevel,
    int? LastModifiedByLevel,
    bool AcceptedByUser,
    bool Deleted,
    long Version,
    string OriginChain,
    long LastModifiedAt,
    long Seq);
