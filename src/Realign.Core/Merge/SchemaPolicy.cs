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

    // Status is machine-owned for things machines run; for a task it is the user's decision.
    private static readonly FrozenSet<string> TypesWithSystemStatus =
        new[] { "automation", "device", "job", "run" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, FrozenDictionary<string, FieldClass>> _overrides;

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
        Overrides = overrides;
    }

    /// <summary>The overrides this policy was built from.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, FieldClass>> Overrides { get; }

    /// <summary>The class of <paramref name="field"/> on entities of <paramref name="entityType"/>.</summary>
    public FieldClass ClassOf(string entityType, string field)
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
