using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Vault.Crypto;

/// <summary>Encrypts content field values into <c>"rl1:&lt;base64url(nonce|ciphertext|tag)&gt;"</c> JSON strings and back.</summary>
/// <remarks>AES-256-GCM with a random 96-bit nonce and a 128-bit tag. The associated data binds tenant, entity type,
/// entity id and field name, so an envelope copied to another entity or field fails to open. The plaintext is the
/// value's compact JSON, so any JSON value (string, number, array, null) round-trips exactly.</remarks>
public sealed class ContentCipher : IDisposable
{
    /// <summary>The envelope prefix inside the JSON string.</summary>
    public const string Prefix = SealedValues.Prefix;

    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly AesGcm _aes;

    /// <summary>Creates a cipher for a 32-byte key.</summary>
    public ContentCipher(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("an AES-256 key is 32 bytes", nameof(key));
        }

        _aes = new AesGcm(key, TagSize);
    }

    /// <summary>True when a compact JSON value is an envelope.</summary>
    public static bool IsEnvelope(string compactJson) => SealedValues.IsSealed(compactJson);

    /// <summary>Encrypts a compact JSON value into an envelope (compact JSON of a string).</summary>
    public string Encrypt(EntityKey key, string field, string compactJson)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(compactJson);
        var plain = Encoding.UTF8.GetBytes(compactJson);
        var blob = new byte[NonceSize + plain.Length + TagSize];
        var nonce = blob.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        _aes.Encrypt(nonce, plain, blob.AsSpan(NonceSize, plain.Length), blob.AsSpan(NonceSize + plain.Length), Aad(key, field));
        return JsonSerializer.Serialize(Prefix + System.Buffers.Text.Base64Url.EncodeToString(blob), VaultJsonContext.Default.String);
    }

    /// <summary>Opens an envelope; values that are not envelopes come back unchanged.</summary>
    /// <exception cref="VaultException">When the envelope was made with another key or for another entity or field.</exception>
    public string Decrypt(EntityKey key, string field, string compactJson)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(compactJson);
        if (!IsEnvelope(compactJson))
        {
            return compactJson;
        }

        var text = JsonSerializer.Deserialize(compactJson, VaultJsonContext.Default.String)!;
        byte[] blob;
        try
        {
            blob = System.Buffers.Text.Base64Url.DecodeFromChars(text.AsSpan(Prefix.Length));
        }
        catch (FormatException ex)
        {
            throw new VaultException($"encrypted value of {key.EntityType}/{key.EntityId}.{field} is malformed", ex);
        }

        if (blob.Length < NonceSize + TagSize)
        {
            throw new VaultException($"encrypted value of {key.EntityType}/{key.EntityId}.{field} is truncated");
        }

        var length = blob.Length - NonceSize - TagSize;
        var plain = new byte[length];
        try
        {
            _aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize, length), blob.AsSpan(NonceSize + length), plain, Aad(key, field));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new VaultException($"cannot decrypt {key.EntityType}/{key.EntityId}.{field}: wrong key, or the value was moved from another entity or field", ex);
        }

        return Encoding.UTF8.GetString(plain);
    }

    /// <inheritdoc />
    public void Dispose() => _aes.Dispose();

    private static byte[] Aad(EntityKey key, string field) =>
        Encoding.UTF8.GetBytes($"realign/rl1\0{key.TenantId}\0{key.EntityType}\0{key.EntityId}\0{field}");
}
