using System.Globalization;
using Realign.Core.Contract;
using Realign.Vault.Crypto;
using Realign.Vault.Storage;

namespace Realign.Vault;

public sealed partial class LocalVault
{
    /// <summary>Unlocks (or first sets up) the tenant key from a passphrase.</summary>
    /// <remarks>When the tenant already has a <c>vault-key</c> entity (pull first), its Argon2id parameters derive the key
    /// and its key check must open, else <see cref="WrongKeyException"/> and nothing changes. Otherwise fresh parameters
    /// are made and the key entity is queued for push. The derived key is kept in <c>vault.key</c> (owner-only) so the
    /// passphrase is needed once per device.</remarks>
    public void UnlockWithPassphrase(string passphrase, KeyParameters? newParameters = null)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var existing = KeyEntity();
        var parameters = existing is { } e ? ReadParameters(e) : newParameters ?? KeyParameters.CreateNew();
        var key = VaultKeys.Derive(passphrase, parameters);
        InstallKey(key, existing, parameters, "vault.key", writeFile: true);
    }

    /// <summary>Unlocks (or first sets up) the tenant key from a key file (32 bytes raw or base64), referenced by path.</summary>
    public void UnlockWithKeyFile(string keyFilePath)
    {
        ArgumentNullException.ThrowIfNull(keyFilePath);
        var full = Path.GetFullPath(keyFilePath);
        InstallKey(VaultKeys.ReadKeyFile(full), KeyEntity(), null, "file:" + full, writeFile: false);
    }

    private void InstallKey(byte[] key, VaultEntity? existing, KeyParameters? parameters, string keyRef, bool writeFile)
    {
        var cipher = new ContentCipher(key);
        if (existing is { } e && (e.State.FindField("check")?.Effective?.Value is not { } check || !VaultKeys.Verify(cipher, Settings.TenantId, check)))
        {
            cipher.Dispose();
            throw new WrongKeyException();
        }

        if (writeFile)
        {
            VaultKeys.WriteKeyFile(Path.Combine(Directory, keyRef), key);
        }

        lock (_gate)
        {
            _cipher?.Dispose();
            _cipher = cipher;
            using var tx = _db.BeginTransaction();
            Meta.Set(_db, tx, Meta.KeyReference, keyRef);
            tx.Commit();
        }

        if (existing is null)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("kdf", parameters is null ? "\"keyfile\"" : "\"argon2id\""),
                new("check", VaultKeys.MakeCheck(cipher, Settings.TenantId)),
            };
            if (parameters is not null)
            {
                fields.Add(new("salt", System.Text.Json.JsonSerializer.Serialize(parameters.Salt, VaultJsonContext.Default.String)));
                fields.Add(new("memory_kib", parameters.MemoryKib.ToString(CultureInfo.InvariantCulture)));
                fields.Add(new("iterations", parameters.Iterations.ToString(CultureInfo.InvariantCulture)));
                fields.Add(new("parallelism", parameters.Parallelism.ToString(CultureInfo.InvariantCulture)));
            }

            Put(VaultKeys.EntityType, VaultKeys.EntityId, fields);
        }
    }

    private VaultEntity? KeyEntity() => Get(VaultKeys.EntityType, VaultKeys.EntityId) is { IsDeleted: false } e ? e : null;

    private static KeyParameters ReadParameters(VaultEntity e)
    {
        if (e.Text("kdf") != "argon2id")
        {
            throw new WrongKeyException("this tenant's key comes from a key file; unlock with --key-file");
        }

        int Int(string name) => e.Payload.TryGetValue(name, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : throw new VaultException($"the tenant key record lacks '{name}'");
        return new KeyParameters
        {
            Salt = e.Text("salt") ?? throw new VaultException("the tenant key record lacks 'salt'"),
            MemoryKib = Int("memory_kib"),
            Iterations = Int("iterations"),
            Parallelism = Int("parallelism"),
        };
    }

    internal static string JsonString(string text) => System.Text.Json.JsonSerializer.Serialize(text, VaultJsonContext.Default.String);
}
