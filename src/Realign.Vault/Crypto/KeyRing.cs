using Realign.Core.Merge;

namespace Realign.Vault.Crypto;

/// <summary>The content key of a local-first vault, once unlocked: seals content values before they are stored or sent,
/// and opens them for reading.</summary>
/// <remarks>A cloud-first vault seals nothing. The key record itself and values already sealed are left as they are; the
/// class the server merged a field under (from a pulled head) wins over the local default policy.</remarks>
internal sealed class KeyRing(bool localFirst, SchemaPolicy policy) : IDisposable
{
    private ContentCipher? _cipher;

    public bool IsUnlocked => !localFirst || _cipher is not null;

    /// <summary>Installs <paramref name="cipher"/>, disposing the one it replaces.</summary>
    public void Install(ContentCipher cipher)
    {
        _cipher?.Dispose();
        _cipher = cipher;
    }

    /// <summary>True when the tenant's cloud level receives vectors (its exposure is not <c>none</c>): the vector fields of
    /// <c>embedding</c> entities (<see cref="Realign.Assist.Embeddings.EmbeddingRecord.SharedFields"/>) then leave in the
    /// clear, so the server can answer vector searches; their <c>digest</c> and every text stay sealed.</summary>
    public bool ShareVectors { get; set; }

    public string Seal(EntityKey key, string field, string value, FieldClass? knownClass = null)
    {
        if (!localFirst || key.EntityType == VaultKeys.EntityType || (knownClass ?? policy.ClassOf(key.EntityType, field)) != FieldClass.Content || ContentCipher.IsEnvelope(value)
            || (ShareVectors && key.EntityType == Realign.Assist.Embeddings.EmbeddingRecord.EntityType && Realign.Assist.Embeddings.EmbeddingRecord.SharedFields.Contains(field)))
        {
            return value;
        }

        return (_cipher ?? throw new VaultException("this local-first vault is locked: set it up with a passphrase or key file first")).Encrypt(key, field, value);
    }

    public string Unseal(EntityKey key, string field, string value) =>
        _cipher is { } cipher && ContentCipher.IsEnvelope(value) ? cipher.Decrypt(key, field, value) : value;

    /// <summary>Like <see cref="Unseal"/>, but a value that does not open reads as <c>"(undecryptable)"</c>.</summary>
    public string SafeUnseal(EntityKey key, string field, string value)
    {
        try
        {
            return Unseal(key, field, value);
        }
        catch (VaultException)
        {
            return "\"(undecryptable)\"";
        }
    }

    public void Dispose() => _cipher?.Dispose();
}
