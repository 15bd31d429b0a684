namespace Realign.Core.Merge;

/// <summary>The identity of an entity inside one tenant.</summary>
public readonly record struct EntityKey(string TenantId, string EntityType, string EntityId)
{
    /// <inheritdoc />
    public override string ToString() => $"{TenantId}/{EntityType}/{EntityId}";
}
