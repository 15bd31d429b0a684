using System.Globalization;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Vault.Clock;
using Realign.Vault.Crypto;
using Realign.Vault.Outbox;
using Realign.Vault.Storage;

namespace Realign.Vault.Replica;

/// <summary>The write side of the vault: one local user write is sealed, merged into the entity and queued in the outbox
/// in one transaction, so a change the vault acknowledged is never applied without being queued, or the reverse.</summary>
/// <remarks>Writes are stamped by the vault's <see cref="HybridLogicalClock"/>, persisted with each write so another process
/// on the same vault never stamps earlier. A plain edit folds into the newest queued row of its entity when that row is
/// not in flight, has the same base version and the same level and origin, so a burst of edits travels as one item.</remarks>
internal sealed class LocalWriter(VaultStore store, ReplicaRows rows, VaultOutbox outbox, KeyRing keys, HybridLogicalClock clock, SchemaPolicy policy)
{
    /// <summary>Commits one local write (the user's, or an automation's or assistant's run by this vault), planned by <paramref name="plan"/> from the entity as stored and this vault's next
    /// clock time, queued as one item at <paramref name="itemLevel"/> and <paramref name="itemOrigin"/>; returns its stamp time.</summary>
    public long Commit(EntityKey key, TruthLevel itemLevel, string itemOrigin, Func<EntityState, long, Write> plan) =>
        store.Write(tx => CommitIn(tx, key, itemLevel, itemOrigin, plan));

    /// <summary>Commits several writes in one transaction: all of them, or none when one throws.</summary>
    public void CommitAll(IReadOnlyList<(EntityKey Key, TruthLevel ItemLevel, string ItemOrigin, Func<EntityState, long, Write> Plan)> writes) => store.Write(tx =>
    {
        foreach (var (key, level, origin, plan) in writes)
        {
            CommitIn(tx, key, level, origin, plan);
        }

        return 0;
    });

    private long CommitIn(Microsoft.Data.Sqlite.SqliteTransaction tx, EntityKey key, TruthLevel itemLevel, string itemOrigin, Func<EntityState, long, Write> plan)
    {
        var loaded = rows.Load(tx, key);
        var state = loaded?.State ?? new EntityState(key);
        var serverVersion = loaded?.ServerVersion ?? 0;
        if (long.TryParse(store.Meta(Meta.Clock, tx), out var persisted))
        {
            // Another process on this vault may have stamped later; the write lock is held, so this read is current.
            clock.Observe(persisted);
        }

        var write = plan(state, clock.Next().Micros);
        var at = write.Stamp.AtMicros;
        clock.Observe(at);
        var sealedFields = write.Fields.Select(f => new KeyValuePair<string, string>(f.Key, keys.Seal(key, f.Key, f.Value, state.FindField(f.Key)?.Class))).ToList();
        var coalescable = !write.Deleted && write.AcceptedFrom is null;
        if (coalescable
            && outbox.FindCoalescable(tx, key.EntityType, key.EntityId, serverVersion) is { } open
            && open.Item.TruthLevel == (int)itemLevel
            && string.Equals(open.Item.OriginSource, itemOrigin, StringComparison.Ordinal))
        {
            // Only an edit by the same author folds: an assistant's fields must never travel inside the user's item, or the reverse.
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
            outbox.Remove(tx, open.Seq);
        }

        EntityMerger.Apply(state, write with { Fields = sealedFields, BaseVersion = serverVersion }, policy);
        rows.Save(tx, state, serverVersion);
        outbox.Enqueue(tx, new SyncItem
        {
            EntityType = key.EntityType,
            EntityId = key.EntityId,
            TruthLevel = (int)itemLevel,
            OriginSource = itemOrigin,
            LastModifiedAt = UtcMicros.Format(at),
            Payload = write.Deleted ? null : JsonValues.Parse(ObjectJson(sealedFields)),
            Deleted = write.Deleted,
            AcceptedByUser = write.AcceptedFrom is not null,
            BaseVersion = serverVersion,
        }, serverVersion, coalescable);
        store.Execute("INSERT OR IGNORE INTO my_stamps (at_micros) VALUES ($a)", tx, ("$a", at));
        store.SetMeta(tx, Meta.Clock, at.ToString(CultureInfo.InvariantCulture));
        return at;
    }

    /// <summary>A JSON object of compact values, written without re-parsing them.</summary>
    public static string ObjectJson(IEnumerable<KeyValuePair<string, string>> fields)
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
