using System.Collections.Frozen;

namespace Realign.Core.Merge;

/// <summary>A tenant's field classes per entity type, over Core's defaults.</summary>
/// <remarks>Unlisted fields are <see cref="FieldClass.Content"/>. Overrides are per type; <c>*</c> applies to every type.</remarks>
public sealed class SchemaPolicy
{
    private static readonly FrozenDictionary<string, FieldClass> CommonDefaults = new Dictionary<string, FieldClass>(StringComparer.Ordinal)
    {
        ["scheduled_run_at"] = FieldClass.System,
        ["last_run_at"] = FieldClass.System,
        ["metrics"] = FieldClass.System,
        ["owner_id"] = FieldClass.Protected,
        ["members"] = FieldClass.Protected,
        ["roles"] = FieldClass.Protected,
        ["permissions"] = FieldClass.Protected,
        ["security"] = FieldClass.Protected,
        ["billing"] = FieldClass.Protected,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Protected names compared after case folding, so "Owner_Id" cannot pass for an ordinary field beside "owner_id".
    private static readonly FrozenSet<string> ProtectedDefaults = CommonDefaults
        .Where(kv => kv.Value == FieldClass.Protected)
        .Select(kv => kv.Key)
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    // Entity types that are level-1 data as a whole, whatever the tenant's policy says.
    private static readonly FrozenSet<string> UserOnlyTypeNames = new[] { "vault-key" }.ToFrozenSet(StringComparer.Ordinal);

    // Records that point at a source entity and are remade from it: views, not things a person keeps.
    private static readonly FrozenSet<string> DerivedTypeNames = new[] { "summary", "answer", "embedding", "ai-usage" }.ToFrozenSet(StringComparer.Ordinal);

    // Status is machine-owned for things machines run; for a task it is the user's decision.
    private static readonly FrozenSet<string> TypesWithSystemStatus =
        new[] { "automation", "device", "job", "run" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, FrozenDictionary<string, FieldClass>> _overrides;
    private readonly FrozenDictionary<string, FrozenSet<string>> _protectedOverrides;

    /// <summary>The defaults alone.</summary>
    public static SchemaPolicy Default { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, FieldClass>>());

    /// <summary>A policy with per-type overrides: entity type (or <c>*</c>) to field to class.</summary>
    public SchemaPolicy(IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldClass>> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        _overrides = overrides.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal),
            StringComparer.Ordinal);
        _protectedOverrides = overrides.ToFrozenDictionary(
            kv => kv.Key,
            kv => kv.Value.Where(f => f.Value == FieldClass.Protected).Select(f => f.Key).ToFrozenSet(StringComparer.OrdinalIgnoreCase),
            StringComparer.Ordinal);
        Overrides = overrides;
    }

    /// <summary>True for entity types that only level 1 may write at all: the tenant's key record (<c>vault-key</c>).</summary>
    /// <remarks>A write below level 1 of such an entity, a delete included, is refused; no tenant policy changes that.</remarks>
    public static bool IsUserOnlyType(string entityType) => UserOnlyTypeNames.Contains(entityType);

    /// <summary>True for derived record types: <c>summary</c>, <c>answer</c> and <c>embedding</c> (views of a source entity and
    /// version, remade when it moves on) and <c>ai-usage</c> (the log of model calls). They are never suggestions to promote.</summary>
    public static bool IsDerivedType(string entityType) => DerivedTypeNames.Contains(entityType);

    /// <summary>The derived record types (<see cref="IsDerivedType"/>) and the user-only types (<see cref="IsUserOnlyType"/>):
    /// the types whose entities are never suggestions, whatever level wrote them.</summary>
    public static IReadOnlyCollection<string> NeverSuggestedTypes { get; } = [.. DerivedTypeNames.Concat(UserOnlyTypeNames).Order(StringComparer.Ordinal)];

    /// <summary>The overrides this policy was built from.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldClass>> Overrides { get; }

    /// <summary>The class of <paramref name="field"/> on entities of <paramref name="entityType"/>.</summary>
    /// <remarks>A field whose name equals a protected name after case folding is protected too.</remarks>
    public FieldClass ClassOf(string entityType, string field)
    {
        var exact = ExactClassOf(entityType, field);
        return exact != FieldClass.Protected && IsProtectedIgnoringCase(entityType, field) ? FieldClass.Protected : exact;
    }

    private bool IsProtectedIgnoringCase(string entityType, string field) =>
        ProtectedDefaults.Contains(field)
        || (_protectedOverrides.Count > 0
            && ((_protectedOverrides.TryGetValue(entityType, out var forType) && forType.Contains(field))
                || (_protectedOverrides.TryGetValue("*", out var forAll) && forAll.Contains(field))));

    private FieldClass ExactClassOf(string entityType, string field)
    {
        if (_overrides.Count > 0)
        {
            if (_overrides.TryGetValue(entityType, out var forType) && forType.TryGetValue(field, out var cls))
            {
                return cls;
            }

            if (_overrides.TryGetValue("*", out var forAll) && forAll.TryGetValue(field, out cls))
            {
                return cls;
            }
        }

        if (CommonDefaults.TryGetValue(field, out var common))
        {
            return common;
        }

        return field == "status" && TypesWithSystemStatus.Contains(entityType) ? FieldClass.System : FieldClass.Content;
    }
}
