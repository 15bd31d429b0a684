using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Realign.Core.Merge;

namespace Realign.Vault.Crypto;

/// <summary>Derives and checks the tenant's content key.</summary>
/// <remarks>The key check is a known text encrypted with the key for the tenant's <c>vault-key</c>/<c>key</c>/<c>check</c>
/// binding: opening it proves a passphrase or key file is the right one before anything is decrypted or written.</remarks>
public static class VaultKeys
{
    /// <summary>The entity type that carries the per-tenant key parameters and key check (never encrypted itself).</summary>
    public const string EntityType = "vault-key";

    /// <summary>The id of the tenant's key entity.</summary>
    public const string EntityId = "key";

    private const string CheckText = "\"realign key check v1\"";

    /// <summary>Derives a 32-byte key from a passphrase with Argon2id.</summary>
    public static byte[] Derive(string passphrase, KeyParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        ArgumentNullException.ThrowIfNull(parameters);
        var salt = parameters.Validate();
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(passphrase))
        {
            Salt = salt,
            MemorySize = (int)parameters.MemoryKib,
            Iterations = (int)parameters.Iterations,
            DegreeOfParallelism = (int)parameters.Parallelism,
        };
        return argon.GetBytes(32);
    }

    /// <summary>Reads a key file: 32 raw bytes, or their base64/base64url text.</summary>
    public static byte[] ReadKeyFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new VaultException($"key file '{path}' does not exist");
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == 32)
        {
            return bytes;
        }

        var text = Encoding.ASCII.GetString(bytes).Trim();
        try
        {
            var decoded = System.Buffers.Text.Base64Url.DecodeFromChars(text.Replace('+', '-').Replace('/', '_').TrimEnd('='));
            if (decoded.Length == 32)
            {
                return decoded;
            }
        }
        catch (FormatException)
        {
        }

        throw new VaultException($"key file '{path}' must hold 32 bytes (raw, or as base64 text)");
    }

    /// <summary>Writes a fresh random key file readable only by its owner.</summary>
    public static void WriteKeyFile(string path, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        File.WriteAllText(path, System.Buffers.Text.Base64Url.EncodeToString(key) + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>A new random key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The key check envelope for a tenant.</summary>
    public static string MakeCheck(ContentCipher cipher, string tenantId)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        return cipher.Encrypt(CheckKey(tenantId), "check", CheckText);
    }

    /// <summary>True when <paramref name="cipher"/> opens the tenant's key check.</summary>
    public static bool Verify(ContentCipher cipher, string tenantId, string checkEnvelope)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        ArgumentNullException.ThrowIfNull(checkEnvelope);
        try
        {
            return ContentCipher.IsEnvelope(checkEnvelope) && cipher.Decrypt(CheckKey(tenantId), "check", checkEnvelope) == CheckText;
        }
        catch (VaultException)
        {
            return false;
        }
    }

    private static EntityKey CheckKey(string tenantId) => new(tenantId, EntityType, EntityId);
}
