namespace Realign.Vault.Crypto;

/// <summary>Argon2id parameters and salt for deriving the tenant key from a passphrase.</summary>
/// <remarks>Stored in the vault and in the tenant's <c>vault-key</c> entity so a second vault derives the same key.</remarks>
public sealed record KeyParameters
{
    /// <summary>The KDF name, always <c>argon2id</c>.</summary>
    public string Kdf { get; init; } = "argon2id";

    /// <summary>Base64url salt (16 random bytes).</summary>
    public string Salt { get; init; } = "";

    /// <summary>Memory in KiB.</summary>
    public int MemoryKib { get; init; } = 65536;

    /// <summary>Passes.</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>Lanes.</summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>Fresh parameters with a random salt.</summary>
    public static KeyParameters CreateNew(int memoryKib = 65536, int iterations = 3, int parallelism = 1) => new()
    {
        Salt = System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
        MemoryKib = memoryKib,
        Iterations = iterations,
        Parallelism = parallelism,
    };
}
