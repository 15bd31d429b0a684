using System.Globalization;

namespace Realign.Vault.Crypto;

/// <summary>Argon2id parameters and salt for deriving the tenant key from a passphrase.</summary>
/// <remarks>Stored in the vault and in the tenant's <c>vault-key</c> entity so a second vault derives the same key. Every
/// parameter is bounded (<see cref="Validate"/>): a record that asks for more memory or time than a device should spend
/// is refused before any derivation starts.</remarks>
public sealed record KeyParameters
{
    /// <summary>The least memory in KiB (8 MiB).</summary>
    public const int MinMemoryKib = 8 * 1024;

    /// <summary>The most memory in KiB (512 MiB): more than any phone or laptop should spend on one unlock.</summary>
    public const int MaxMemoryKib = 512 * 1024;

    /// <summary>The most passes.</summary>
    public const int MaxIterations = 10;

    /// <summary>The most lanes.</summary>
    public const int MaxParallelism = 8;

    /// <summary>The shortest salt in bytes.</summary>
    public const int MinSaltBytes = 16;

    /// <summary>The longest salt in bytes.</summary>
    public const int MaxSaltBytes = 64;

    /// <summary>The KDF name, always <c>argon2id</c>.</summary>
    public string Kdf { get; init; } = "argon2id";

    /// <summary>Base64url salt (16 random bytes).</summary>
    public string Salt { get; init; } = "";

    /// <summary>Memory in KiB.</summary>
    public long MemoryKib { get; init; } = 65536;

    /// <summary>Passes.</summary>
    public long Iterations { get; init; } = 3;

    /// <summary>Lanes.</summary>
    public long Parallelism { get; init; } = 1;

    /// <summary>Fresh parameters with a random salt.</summary>
    public static KeyParameters CreateNew(int memoryKib = 65536, int iterations = 3, int parallelism = 1)
    {
        var parameters = new KeyParameters
        {
            Salt = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            MemoryKib = memoryKib,
            Iterations = iterations,
            Parallelism = parallelism,
        };
        parameters.Validate();
        return parameters;
    }

    /// <summary>Checks every parameter against its bounds and returns the decoded salt.</summary>
    /// <exception cref="VaultException">One line naming the first parameter out of bounds.</exception>
    public byte[] Validate()
    {
        if (Kdf != "argon2id")
        {
            throw new VaultException($"the tenant key record names the key derivation '{Kdf}'; only argon2id is supported");
        }

        Check("memory_kib", MemoryKib, MinMemoryKib, MaxMemoryKib);
        Check("iterations", Iterations, 1, MaxIterations);
        Check("parallelism", Parallelism, 1, MaxParallelism);
        byte[] salt;
        try
        {
            salt = System.Buffers.Text.Base64Url.DecodeFromChars(Salt);
        }
        catch (FormatException)
        {
            throw new VaultException("the tenant key record's salt is not base64url; refusing to derive a key from it");
        }

        Check("salt length", salt.Length, MinSaltBytes, MaxSaltBytes);
        return salt;
    }

    private static void Check(string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            throw new VaultException(string.Create(CultureInfo.InvariantCulture,
                $"the tenant key record's {name} is {value}, outside the allowed {min}-{max}; refusing to derive a key with it"));
        }
    }
}
