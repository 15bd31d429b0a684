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
    public void CommitAll(IReadOnlyList<(EntityKey Key, TruthLevel ItemLevel, string ItemOrigin, Func<EntityState, long, Write> Plan)> writes) =>
        store.Write(tx => CommitMany(tx, writes));

    private long CommitIn(Microsoft.Data.Sqlite.SqliteTransaction tx, EntityKey key, TruthLevel itemLevel, string itemOrigin, Func<EntityState, long, Write> plan) =>
        CommitMany(tx, [(key, itemLevel, itemOrigin, plan)])[0];

    /// <summary>Commits <paramref name="writes"/> inside <paramref name="tx"/>, in order, with one read of the entities and of
    /// the clock and one save of the entities (a burst of writes costs a few statements per write, not a transaction each);
    /// returns each write's stamp time.</summary>
    /// <remarks>A key may appear more than once: each write sees the state the one before it left.</remarks>
    internal long[] CommitMany(Microsoft.Data.Sqlite.SqliteTransaction tx, IReadOnlyList<(EntityKey Key, TruthLevel ItemLevel, string ItemOrigin, Func<EntityState, long, Write> Plan)> writes)
    {
        var stamps = new long[writes.Count];
        if (writes.Count == 0)
        {
            return stamps;
        }

        var loaded = rows.LoadMany(tx, writes.Select(w => w.Key).Distinct().ToList());
        if (long.TryParse(store.Meta(Meta.Clock, tx), out var persisted))
        {
            // Another process on this vault may have stamped later; the write lock is held, so this read is current.
            clock.Observe(persisted);
        }

        // Without a queued row an entity has nothing to fold into, so the lookup is skipped for all of them at once.
        var outboxEmpty = outbox.IsEmpty(tx);
        var queuedHere = new HashSet<EntityKey>();
        var saves = new Dictionary<EntityKey, (EntityState State, long ServerVersion)>();
        using var queue = outbox.Enqueuer(tx);
        using var mine = store.Command("INSERT OR IGNORE INTO my_stamps (at_micros) VALUES ($a)", tx, ("$a", 0L));
        mine.Prepare();
        var last = 0L;
        for (var n = 0; n < writes.Count; n++)
        {
            var (key, itemLevel, itemOrigin, plan) = writes[n];
            var (state, serverVersion) = saves.TryGetValue(key, out var saved) ? saved
                : loaded.TryGetValue(key, out var row) ? row : (new EntityState(key), 0L);
            var write = plan(state, clock.Next().Micros);
            var at = write.Stamp.AtMicros;
            clock.Observe(at);
            var sealedFields = write.Fields.Select(f => new KeyValuePair<string, string>(f.Key, keys.Seal(key, f.Key, f.Value, state.FindField(f.Key)?.Class))).ToList();
            var coalescable = !write.Deleted && write.AcceptedFrom is null;
            if (coalescable
                && (!outboxEmpty || queuedHere.Contains(key))
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
            saves[key] = (state, serverVersion);
            queue.Add(new SyncItem
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
            queuedHere.Add(key);
            mine.Parameters[0].Value = at;
            mine.ExecuteNonQuery();
            stamps[n] = at;
            last = Math.Max(last, at);
        }

        rows.SaveMany(tx, [.. saves.Values]);
        store.SetMeta(tx, Meta.Clock, last.ToString(CultureInfo.InvariantCulture));
        return stamps;
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
