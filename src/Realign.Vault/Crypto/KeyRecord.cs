using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Vault.Crypto;

/// <summary>The tenant's key record as the user wrote it: its level-1 registers only.</summary>
/// <remarks>A record with no level-1 key check (one that only levels below 1 wrote) or with a level-1 delete is no key
/// record: parameters or a key check written by anything below level 1 are never used.</remarks>
internal sealed class KeyRecord
{
    private static readonly string[] FieldNames = ["kdf", "check", "salt", "memory_kib", "iterations", "parallelism"];

    private readonly Dictionary<string, JsonElement> _fields;

    private KeyRecord(Dictionary<string, JsonElement> fields) => _fields = fields;

    /// <summary>The key check, as JSON.</summary>
    public string Check => _fields["check"].GetRawText();

    /// <summary>The record in <paramref name="state"/>, or null when it has none written at level 1.</summary>
    public static KeyRecord? From(EntityState? state)
    {
        if (state is null)
        {
            return null;
        }

        static string? UserValue(FieldState? field) => field?.User is { Stamp.Level: TruthLevel.User } u ? u.Value : null;
        if (UserValue(state.Deleted) == "true" || UserValue(state.FindField("check")) is not { } checkJson || JsonValues.Parse(checkJson).ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var name in FieldNames)
        {
            if (UserValue(state.FindField(name)) is { } json)
            {
                fields[name] = JsonValues.Parse(json);
            }
        }

        return new KeyRecord(fields);
    }

    /// <summary>The Argon2id parameters of the record, checked against their bounds.</summary>
    /// <exception cref="WrongKeyException">The key comes from a key file.</exception>
    /// <exception cref="VaultException">A parameter is missing or out of bounds.</exception>
    public KeyParameters Parameters()
    {
        if (Text("kdf") is not { } kdf)
        {
            throw new VaultException("the tenant key record lacks 'kdf'");
        }

        if (kdf == "keyfile")
        {
            throw new WrongKeyException("this tenant's key comes from a key file; unlock with --key-file");
        }

        long Int(string name) => Number(name) ?? throw new VaultException($"the tenant key record lacks '{name}' (a whole number)");
        var parameters = new KeyParameters
        {
            Kdf = kdf,
            Salt = Text("salt") ?? throw new VaultException("the tenant key record lacks 'salt'"),
            MemoryKib = Int("memory_kib"),
            Iterations = Int("iterations"),
            Parallelism = Int("parallelism"),
        };
        parameters.Validate();
        return parameters;
    }

    /// <summary>The fields of a new record for a key checked by <paramref name="check"/>, from <paramref name="parameters"/> or a key file.</summary>
    public static List<KeyValuePair<string, string>> NewFields(string check, KeyParameters? parameters)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("kdf", parameters is null ? "\"keyfile\"" : "\"argon2id\""),
            new("check", check),
        };
        if (parameters is not null)
        {
            var inv = System.Globalization.CultureInfo.InvariantCulture;
            fields.Add(new("salt", JsonSerializer.Serialize(parameters.Salt, VaultJsonContext.Default.String)));
            fields.Add(new("memory_kib", parameters.MemoryKib.ToString(inv)));
            fields.Add(new("iterations", parameters.Iterations.ToString(inv)));
            fields.Add(new("parallelism", parameters.Parallelism.ToString(inv)));
        }

        return fields;
    }

    private string? Text(string name) => _fields.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private long? Number(string name) => _fields.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}
