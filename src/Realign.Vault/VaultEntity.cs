using Realign.Core.Merge;

namespace Realign.Vault;

/// <summary>An entity as the vault shows it: visible values decrypted, plus the raw merged state.</summary>
/// <param name="EntityType">The type.</param>
/// <param name="EntityId">The id.</param>
/// <param name="ServerVersion">The server version last seen (0 before the first sync).</param>
/// <param name="IsDeleted">True when the visible deleted flag is set.</param>
/// <param name="Payload">Visible values as compact JSON, decrypted when the vault holds the key.</param>
/// <param name="State">The merged registers (values as stored: envelopes in a local-first vault).</param>
public sealed record VaultEntity(string EntityType, string EntityId, long ServerVersion, bool IsDeleted, IReadOnlyDictionary<string, string> Payload, EntityState State)
{
    /// <summary>A field's value as a string, when it is a JSON string.</summary>
    public string? Text(string field)
    {
        if (!Payload.TryGetValue(field, out var json))
        {
            return null;
        }

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.String ? doc.RootElement.GetString() : null;
    }
}
