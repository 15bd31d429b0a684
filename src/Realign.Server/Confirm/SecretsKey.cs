using System.Security.Cryptography;
using System.Text;

namespace Realign.Server.Confirm;

/// <summary>The server's key for secrets at rest (TOTP secrets, PIN hashes): 32 random bytes in a file of its own, outside
/// the database, so a copy of the database alone reveals no secret. Every server on one database needs the same file.</summary>
/// <remarks>A sealed value is <c>v1.KEYID.BASE64(nonce | ciphertext | tag)</c>, AES-256-GCM, with associated data naming what
/// it is and whose (so a value moved to another tenant's row does not open). KEYID is the first 8 hex digits of the key's
/// SHA-256, so a server with another key says so instead of failing obscurely.</remarks>
public sealed class SecretsKey
{
    private const string Version = "v1";
    private readonly byte[] _key;

    private SecretsKey(byte[] key, string path)
    {
        _key = key;
        Path = path;
        Id = Convert.ToHexStringLower(SHA256.HashData(key))[..8];
    }

    /// <summary>The file the key came from.</summary>
    public string Path { get; }

    /// <summary>The key's id, as in every value it sealed.</summary>
    public string Id { get; }

    /// <summary>Reads the key file, or makes it (readable by its owner only) when it does not exist.</summary>
    /// <exception cref="InvalidOperationException">The file exists but is not a key.</exception>
    public static SecretsKey LoadOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            var fresh = RandomNumberGenerator.GetBytes(32);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(full, options);
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(fresh) + "\n"));
            }
            catch (IOException) when (File.Exists(full))
            {
                // Another server made it first: read theirs.
            }
        }

        var text = File.ReadAllText(full).Trim();
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{full} is not a Realign secrets key (base64 of 32 bytes)");
        }

        return key.Length == 32 ? new SecretsKey(key, full) : throw new InvalidOperationException($"{full} is not a Realign secrets key (base64 of 32 bytes)");
    }

    /// <summary>Seals <paramref name="plain"/> for <paramref name="context"/> (what it is and whose).</summary>
    public string Seal(ReadOnlySpan<byte> plain, string context)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var sealedBytes = new byte[nonce.Length + plain.Length + AesGcm.TagByteSizes.MaxSize];
        nonce.CopyTo(sealedBytes, 0);
        using var aes = new AesGcm(_key, AesGcm.TagByteSizes.MaxSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(nonce.Length, plain.Length), sealedBytes.AsSpan(nonce.Length + plain.Length), Encoding.UTF8.GetBytes(context));
        return $"{Version}.{Id}.{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Opens a value sealed for <paramref name="context"/>.</summary>
    /// <exception cref="SecretsKeyMismatchException">It was sealed with another key, or for another context, or altered.</exception>
    public byte[] Open(string sealedValue, string context)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        var parts = sealedValue.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new SecretsKeyMismatchException("a stored secret is not in a form this server reads");
        }

        if (parts[1] != Id)
        {
            throw new SecretsKeyMismatchException($"a stored secret was sealed with secrets key {parts[1]}, and this server's key is {Id} ({Path}): give every server of this database the same secrets key file");
        }

        var bytes = Convert.FromBase64String(parts[2]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        if (bytes.Length < nonceSize + tagSize)
        {
            throw new SecretsKeyMismatchException("a stored secret is truncated");
        }

        var plain = new byte[bytes.Length - nonceSize - tagSize];
        using var aes = new AesGcm(_key, tagSize);
        try
        {
            aes.Decrypt(bytes.AsSpan(0, nonceSize), bytes.AsSpan(nonceSize, plain.Length), bytes.AsSpan(nonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new SecretsKeyMismatchException("a stored secret does not open with this server's key for its tenant (altered, or moved from another row)");
        }

        return plain;
    }
}

/// <summary>A stored secret that this server cannot open: another key, another row, or an altered value.</summary>
public sealed class SecretsKeyMismatchException : Exception
{
    /// <summary>A mismatch with a reason.</summary>
    public SecretsKeyMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>A mismatch.</summary>
    public SecretsKeyMismatchException()
    {
    }

    /// <summary>A mismatch with a reason and its cause.</summary>
    public SecretsKeyMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
