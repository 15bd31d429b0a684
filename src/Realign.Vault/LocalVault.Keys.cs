using System.Globalization;
using System.Text.Json;
using Realign.Core.Merge;
using Realign.Core.Truth;
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
    /// passphrase is needed once per device. Only level-1 registers of the key record count: parameters or a key check
    /// written by anything below level 1 are never used, and bounded parameters are checked before deriving.</remarks>
    public void UnlockWithPassphrase(string passphrase, KeyParameters? newParameters = null)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var existing = KeyEntity();
        var parameters = existing is { } e ? ReadParameters(e) : newParameters ?? KeyParameters.CreateNew();
        var key = VaultKeys.Derive(passphrase, parameters);
        InstallKey(key, existing, parameters, "vault.key", writeFile: true);
    }

    /// <summary>True when the tenant already has a key record written at level 1 (pulled or made here).</summary>
    public bool HasKeyRecord => KeyEntity() is not null;

    /// <summary>Unlocks (or first sets up) the tenant key from a key file (32 bytes raw or base64), referenced by path.</summary>
    public void UnlockWithKeyFile(string keyFilePath)
    {
        ArgumentNullException.ThrowIfNull(keyFilePath);
        var full = Path.GetFullPath(keyFilePath);
        InstallKey(VaultKeys.ReadKeyFile(full), KeyEntity(), null, "file:" + full, writeFile: false);
    }

    private void InstallKey(byte[] key, KeyRecord? existing, KeyParameters? parameters, string keyRef, bool writeFile)
    {
        var cipher = new ContentCipher(key);
        if (existing is { } e && !VaultKeys.Verify(cipher, Settings.TenantId, e.Check))
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
                fields.Add(new("salt", JsonString(parameters.Salt)));
                fields.Add(new("memory_kib", parameters.MemoryKib.ToString(CultureInfo.InvariantCulture)));
                fields.Add(new("iterations", parameters.Iterations.ToString(CultureInfo.InvariantCulture)));
                fields.Add(new("parallelism", parameters.Parallelism.ToString(CultureInfo.InvariantCulture)));
            }

            Put(VaultKeys.EntityType, VaultKeys.EntityId, fields);
        }
    }

    /// <summary>The tenant's key record as the user wrote it: its level-1 registers only, or null when it has no level-1
    /// key check (a record that only levels below 1 wrote is no key record) or a level-1 delete.</summary>
    private KeyRecord? KeyEntity()
    {
        if (Get(VaultKeys.EntityType, VaultKeys.EntityId) is not { } e)
        {
            return null;
        }

        static string? UserValue(FieldState? field) => field?.User is { Stamp.Level: TruthLevel.User } u ? u.Value : null;
        if (UserValue(e.State.Deleted) == "true" || UserValue(e.State.FindField("check")) is not { } checkJson || JsonValues.Parse(checkJson).ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var name in KeyRecord.Fields)
        {
            if (UserValue(e.State.FindField(name)) is { } json)
            {
                fields[name] = JsonValues.Parse(json);
            }
        }

        return new KeyRecord(fields);
    }

    private static KeyParameters ReadParameters(KeyRecord record)
    {
        if (record.Text("kdf") is not { } kdf)
        {
            throw new VaultException("the tenant key record lacks 'kdf'");
        }

        if (kdf == "keyfile")
        {
            throw new WrongKeyException("this tenant's key comes from a key file; unlock with --key-file");
        }

        long Int(string name) => record.Number(name) ?? throw new VaultException($"the tenant key record lacks '{name}' (a whole number)");
        var parameters = new KeyParameters
        {
            Kdf = kdf,
            Salt = record.Text("salt") ?? throw new VaultException("the tenant key record lacks 'salt'"),
            MemoryKib = Int("memory_kib"),
            Iterations = Int("iterations"),
            Parallelism = Int("parallelism"),
        };
        parameters.Validate();
        return parameters;
    }

    /// <summary>The level-1 fields of the tenant key record, parsed.</summary>
    private sealed class KeyRecord(Dictionary<string, JsonElement> fields)
    {
        public static readonly string[] Fields = ["kdf", "check", "salt", "memory_kib", "iterations", "parallelism"];

        public string Check => fields["check"].GetRawText();

        public string? Text(string name) => fields.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        public long? Number(string name) => fields.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
    }

    internal static string JsonString(string text) => JsonSerializer.Serialize(text, VaultJsonContext.Default.String);
}
