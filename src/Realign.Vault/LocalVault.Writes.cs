using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Vault.Crypto;
using Realign.Vault.Storage;

namespace Realign.Vault;

public sealed partial class LocalVault
{
    /// <summary>Writes fields of an entity as the user (a patch: fields not given are untouched; JSON null clears).</summary>
    /// <param name="entityType">The entity type, such as <c>note</c>.</param>
    /// <param name="entityId">The entity id.</param>
    /// <param name="payloadJson">A JSON object of the fields to set.</param>
    /// <returns>The stamp time of the write.</returns>
    public long Put(string entityType, string entityId, string payloadJson)
    {
        ArgumentNullException.ThrowIfNull(payloadJson);
        return Put(entityType, entityId, ParseObject(payloadJson));
    }

    /// <summary>Writes fields of an entity as the user, given as field name to compact JSON value.</summary>
    public long Put(string entityType, string entityId, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Validate(entityType, entityId);
        foreach (var (name, _) in fields)
        {
            if (!ItemAdmission.IsValidFieldName(name))
            {
                throw new VaultException($"field name '{name}' is not allowed: 1-{ItemAdmission.MaxFieldNameLength} characters in Unicode normal form C, not starting with '_' or ending in white space, without control or format characters");
            }
        }

        return WriteLocal(entityType, entityId, fields, deleted: false, TruthLevel.User, Settings.UserOrigin, acceptedFrom: null);
    }

    /// <summary>Deletes an entity as the user.</summary>
    public long Delete(string entityType, string entityId)
    {
        Validate(entityType, entityId);
        return WriteLocal(entityType, entityId, [], deleted: true, TruthLevel.User, Settings.UserOrigin, acceptedFrom: null);
    }

    internal long WriteLocal(string type, string id, IReadOnlyList<KeyValuePair<string, string>> fields, bool deleted, TruthLevel itemLevel, string itemOrigin, string? acceptedFrom) =>
        Commit(type, id, itemLevel, itemOrigin, (state, at) => new Write(state.Key, new Stamp(TruthLevel.User, at, Settings.UserOrigin), fields, deleted, acceptedFrom));

    /// <summary>Commits one local user write, planned by <paramref name="plan"/> from the entity as stored and this vault's
    /// next clock time: seals its content values, applies it, and queues it in the outbox as one item at
    /// <paramref name="itemLevel"/> and <paramref name="itemOrigin"/>, all in one transaction.</summary>
    private long Commit(string type, string id, TruthLevel itemLevel, string itemOrigin, Func<EntityState, long, Write> plan)
    {
        lock (_gate)
        {
            var key = KeyOf(type, id);
            using var tx = _db.BeginTransaction();
            var loaded = EntityRows.Load(_db, tx, Settings.TenantId, type, id);
            var state = loaded?.State ?? new EntityState(key);
            var serverVersion = loaded?.ServerVersion ?? 0;
            if (long.TryParse(Meta.Get(_db, Meta.Clock, tx), out var persisted))
            {
                // Another process on this vault may have stamped later; the write lock is held, so this read is current.
                _clock.Observe(persisted);
            }

            var write = plan(state, _clock.Next().Micros);
            var at = write.Stamp.AtMicros;
            _clock.Observe(at);
            var deleted = write.Deleted;
            var sealedFields = write.Fields.Select(f => new KeyValuePair<string, string>(f.Key, Seal(key, f.Key, f.Value, state.FindField(f.Key)?.Class))).ToList();
            var coalescable = !deleted && write.AcceptedFrom is null;
            if (coalescable && FindCoalescable(tx, type, id, serverVersion) is { } open)
            {
                var merged = new Dictionary<string, string>(StringComparer.Ordinal);
                if (open.Item.Payload is { ValueKind: JsonValueKind.Object } earlier)
                {
                    foreach (var p in earlier.EnumerateObject())
                    {
                        merged[p.Name] = JsonValues.ToCompact(p.Value);
                    }
                }

                foreach (var (name, value) in sealedFields)
                {
                    merged[name] = value;
                }

                sealedFields = merged.ToList();
                VaultDatabase.Execute(_db, "DELETE FROM outbox WHERE seq = $s", tx, ("$s", open.Seq));
            }

            EntityMerger.Apply(state, write with { Fields = sealedFields, BaseVersion = serverVersion }, Policy);
            EntityRows.Save(_db, tx, state, serverVersion);
            var item = new SyncItem
            {
                EntityType = type,
                EntityId = id,
                TruthLevel = (int)itemLevel,
                OriginSource = itemOrigin,
                LastModifiedAt = UtcMicros.Format(at),
                Payload = deleted ? null : JsonValues.Parse(ObjectJson(sealedFields)),
                Deleted = deleted,
                AcceptedByUser = write.AcceptedFrom is not null,
                BaseVersion = serverVersion,
            };
            VaultDatabase.Execute(
                _db,
                "INSERT INTO outbox (entity_type, entity_id, item, base_version, coalescable) VALUES ($t, $i, $j, $b, $c)",
                tx,
                ("$t", type),
                ("$i", id),
                ("$j", JsonSerializer.Serialize(item, RealignJsonContext.Default.SyncItem)),
                ("$b", serverVersion),
                ("$c", coalescable ? 1 : 0));
            VaultDatabase.Execute(_db, "INSERT OR IGNORE INTO my_stamps (at_micros) VALUES ($a)", tx, ("$a", at));
            Meta.Set(_db, tx, Meta.Clock, at.ToString(CultureInfo.InvariantCulture));
            tx.Commit();
            return at;
        }
    }

    private (long Seq, SyncItem Item)? FindCoalescable(SqliteTransaction tx, string type, string id, long baseVersion)
    {
        using var cmd = VaultDatabase.Command(
            _db,
            "SELECT seq, item, coalescable, base_version, batch_id FROM outbox WHERE entity_type = $t AND entity_id = $i ORDER BY seq DESC LIMIT 1",
            tx,
            ("$t", type),
            ("$i", id));
        using var reader = cmd.ExecuteReader();
        if (!reader.Read() || reader.GetInt64(2) == 0 || !reader.IsDBNull(4) || reader.IsDBNull(3) || reader.GetInt64(3) != baseVersion)
        {
            return null;
        }

        return (reader.GetInt64(0), JsonSerializer.Deserialize(reader.GetString(1), RealignJsonContext.Default.SyncItem)!);
    }

    /// <remarks>The class the server merged the field under (from a pulled head) wins over the local default policy.</remarks>
    private string Seal(EntityKey key, string field, string value, FieldClass? knownClass = null)
    {
        if (!Settings.IsLocalFirst || key.EntityType == VaultKeys.EntityType || (knownClass ?? Policy.ClassOf(key.EntityType, field)) != FieldClass.Content || ContentCipher.IsEnvelope(value))
        {
            return value;
        }

        return (_cipher ?? throw new VaultException("this local-first vault is locked: set it up with a passphrase or key file first")).Encrypt(key, field, value);
    }

    internal string Unseal(EntityKey key, string field, string value) =>
        _cipher is { } cipher && ContentCipher.IsEnvelope(value) ? cipher.Decrypt(key, field, value) : value;

    private static void Validate(string entityType, string entityId)
    {
        if (!ItemAdmission.IsValidType(entityType))
        {
            throw new VaultException($"entity type '{entityType}' must be 1-64 characters of a-z, 0-9, _ and -, starting with a letter");
        }

        if (!ItemAdmission.IsValidId(entityId))
        {
            throw new VaultException("an entity id is 1-200 characters without control or format characters");
        }
    }

    internal static List<KeyValuePair<string, string>> ParseObject(string json)
    {
        JsonElement element;
        try
        {
            element = JsonValues.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new VaultException($"not valid JSON: {ex.Message}", ex);
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new VaultException("the fields must be a JSON object");
        }

        return element.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name, JsonValues.ToCompact(p.Value))).ToList();
    }

    internal static string ObjectJson(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
