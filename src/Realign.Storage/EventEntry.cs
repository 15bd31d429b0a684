namespace Realign.Storage;

/// <summary>One audit row. <see cref="DetailJson"/> is a JSON object; <see cref="AtMicros"/> is server time.</summary>
public sealed record EventEntry(
    long Id,
    long AtMicros,
    string Kind,
    string? PrincipalId,
    string? BatchId,
    string? EntityType,
    string? EntityId,
    string DetailJson);
