using System.Text.Json;
using Realign.Core.Merge;

namespace Realign.Storage.Internal;

/// <summary>Reads a tenant's schema policy JSON: <c>{"entity_type or *": {"field": "content|system|protected"}}</c>.</summary>
internal static class SchemaPolicies
{
    public static SchemaPolicy Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Trim() == "{}")
        {
            return SchemaPolicy.Default;
        }

        using var doc = JsonDocument.Parse(json);
        var overrides = new Dictionary<string, IReadOnlyDictionary<string, FieldClass>>(StringComparer.Ordinal);
        foreach (var type in doc.RootElement.EnumerateObject())
        {
            var fields = new Dictionary<string, FieldClass>(StringComparer.Ordinal);
            foreach (var field in type.Value.EnumerateObject())
            {
                fields[field.Name] = field.Value.GetString() switch
                {
                    "system" => FieldClass.System,
                    "protected" => FieldClass.Protected,
                    "content" => FieldClass.Content,
                    var other => throw new FormatException($"unknown field class '{other}' in the schema policy"),
                };
            }

            overrides[type.Name] = fields;
        }

        return new SchemaPolicy(overrides);
    }
}
