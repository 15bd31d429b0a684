using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Vault.Replica;
using Realign.Vault.Storage;
using Realign.Vault.Sync;

namespace Realign.Vault.Outbox;

/// <summary>The vault's queue of local changes not yet acknowledged by the server, and the items the server refused.</summary>
/// <remarks>Every row is one wire item; a batch id is committed on its rows before the batch is sent, so a retry after a
/// crash replays the same id. The outbox is read in bounded pages from the oldest row (never whole), so the cost of a batch
/// does not grow with the outbox.</remarks>
internal sealed class VaultOutbox(VaultStore store, ReplicaRows rows, TimeProvider time)
{
    /// <summary>How long acknowledged items stay in the journal: a restore of the server to a point older than this loses
    /// this vault's writes from before it (docs/operations.md, "Restore to an older point").</summary>
    public const int JournalDays = 90;

    /// <summary>After the server was put back to an older point: every journal item goes back into the outbox, and every
    /// queued item is freed from its batch and from the version it was made on (the server's versions went back; a write
    /// without a base version merges by its stamps and never makes a conflict). Returns how many items were queued again.</summary>
    public int RequeueAfterRestore(SqliteTransaction tx)
    {
        UnbaseQueued(tx);
        var journal = Read(tx, "SELECT seq, entity_type, entity_id, item FROM pushed_journal ORDER BY seq");
        using (var insert = store.Command("INSERT INTO outbox (entity_type, entity_id, item, base_version, coalescable) VALUES ($t, $i, $j, NULL, 0)", tx, ("$t", ""), ("$i", ""), ("$j", "")))
        {
            insert.Prepare();
            foreach (var (_, type, id, item) in journal)
            {
                (insert.Parameters[0].Value, insert.Parameters[1].Value, insert.Parameters[2].Value) = (type, id, Unbased(item));
                insert.ExecuteNonQuery();
            }
        }

        store.Execute("DELETE FROM pushed_journal", tx);
        return journal.Count;
    }

    /// <summary>Frees every queued item from its batch and from the version it was made on.</summary>
    public void UnbaseQueued(SqliteTransaction tx)
    {
        var rewrite = new List<(long Seq, string Item)>();
        foreach (var (seq, _, _, item) in Read(tx, "SELECT seq, entity_type, entity_id, item FROM outbox ORDER BY seq"))
        {
            rewrite.Add((seq, Unbased(item)));
        }

        foreach (var (seq, item) in rewrite)
        {
            store.Execute("UPDATE outbox SET item = $j, base_version = NULL, coalescable = 0, batch_id = NULL WHERE seq = $s", tx, ("$j", item), ("$s", seq));
        }
    }

    private static string Unbased(string json)
    {
        var item = JsonSerializer.Deserialize(json, RealignJsonContext.Default.SyncItem)!;
        item.BaseVersion = null;
        item.Version = null;
        return JsonSerializer.Serialize(item, RealignJsonContext.Default.SyncItem);
    }

    /// <summary>The newest row of an entity when a new write may fold into it: coalescable, not in flight, same base version.</summary>
    public (long Seq, SyncItem Item)? FindCoalescable(SqliteTransaction tx, string type, string id, long baseVersion)
    {
        using var cmd = store.Command(
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

    public void Remove(SqliteTransaction tx, long seq) => store.Execute("DELETE FROM outbox WHERE seq = $s", tx, ("$s", seq));

    /// <summary>True when nothing is queued (and nothing in flight).</summary>
    public bool IsEmpty(SqliteTransaction tx) => store.Scalar("SELECT 1 FROM outbox LIMIT 1", tx) is null;

    /// <summary>A prepared insert of outbox rows inside <paramref name="tx"/>, for a burst of writes.</summary>
    public Queue Enqueuer(SqliteTransaction tx) => new(store.Command(
        "INSERT INTO outbox (entity_type, entity_id, item, base_version, coalescable) VALUES ($t, $i, $j, $b, $c)",
        tx,
        ("$t", ""),
        ("$i", ""),
        ("$j", ""),
        ("$b", 0L),
        ("$c", 0)));

    /// <summary>Queues items through one prepared statement.</summary>
    public sealed class Queue : IDisposable
    {
        private readonly SqliteCommand _insert;

        internal Queue(SqliteCommand insert)
        {
            _insert = insert;
            _insert.Prepare();
        }

        /// <summary>Queues <paramref name="item"/> made on <paramref name="baseVersion"/>.</summary>
        public void Add(SyncItem item, long baseVersion, bool coalescable)
        {
            var p = _insert.Parameters;
            p[0].Value = item.EntityType;
            p[1].Value = item.EntityId;
            p[2].Value = JsonSerializer.Serialize(item, RealignJsonContext.Default.SyncItem);
            p[3].Value = baseVersion;
            p[4].Value = coalescable ? 1 : 0;
            _insert.ExecuteNonQuery();
        }

        /// <inheritdoc />
        public void Dispose() => _insert.Dispose();
    }

    /// <summary>The next batch to push: the batch already in flight (same id, same items) or a new one, at most one item per entity.</summary>
    public OutboxBatch? NextBatch(int maxItems) => store.Write(tx =>
    {
        var inFlight = store.Scalar("SELECT batch_id FROM outbox WHERE batch_id IS NOT NULL LIMIT 1", tx) as string;
        List<(long Seq, string Item)> chosen;
        string batchId;
        if (inFlight is not null)
        {
            batchId = inFlight;
            chosen = Read(tx, "SELECT seq, entity_type, entity_id, item FROM outbox WHERE batch_id = $b ORDER BY seq", ("$b", inFlight)).Select(r => (r.Seq, r.Item)).ToList();
        }
        else
        {
            batchId = "b_" + Guid.NewGuid().ToString("N");
            chosen = ChooseUnbatched(tx, maxItems);
            store.Execute("UPDATE outbox SET batch_id = $b WHERE seq IN (SELECT value FROM json_each($s))", tx,
                ("$b", batchId), ("$s", "[" + string.Join(",", chosen.Select(r => r.Seq.ToString(CultureInfo.InvariantCulture))) + "]"));
        }

        return chosen.Count == 0
            ? null
            : new OutboxBatch(batchId, chosen.Select(r => r.Seq).ToList(), chosen.Select(r => JsonSerializer.Deserialize(r.Item, RealignJsonContext.Default.SyncItem)!).ToList());
    });

    /// <summary>Records a pushed batch: removes its rows and moves base versions on where this vault's write was the only change.</summary>
    public void Complete(OutboxBatch batch, PushResponse response) => store.Write(tx =>
    {
        // Acknowledged items move to the journal (kept for JournalDays) rather than vanish: a restore of the server to an
        // older point would otherwise lose them for good.
        var seqs = "[" + string.Join(",", batch.Seqs.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";
        var now = UtcMicros.From(time.GetUtcNow());
        store.Execute("INSERT INTO pushed_journal (entity_type, entity_id, item, acked_at) SELECT entity_type, entity_id, item, $now FROM outbox WHERE seq IN (SELECT value FROM json_each($s)) ORDER BY seq", tx,
            ("$s", seqs), ("$now", now));
        store.Execute("DELETE FROM pushed_journal WHERE acked_at < $cut", tx, ("$cut", now - (long)JournalDays * 86_400_000_000L));
        store.Execute("DELETE FROM outbox WHERE seq IN (SELECT value FROM json_each($s))", tx, ("$s", seqs));

        // Later local edits of a pushed entity wait in the outbox only when something is still queued.
        var queued = !IsEmpty(tx);
        using var move = store.Command("UPDATE entities SET seq = $v WHERE tenant_id = $tn AND entity_type = $t AND entity_id = $i AND seq = $b", tx,
            ("$v", 0L), ("$tn", rows.TenantId), ("$t", ""), ("$i", ""), ("$b", 0L));
        move.Prepare();
        foreach (var result in response.Results)
        {
            if (result.Index < 0 || result.Index >= batch.Items.Count || result.Outcome != ItemOutcome.Applied)
            {
                continue;
            }

            // Our write made version v. Whoever had seen v - 1 has seen everything but our write, and later local
            // edits of this entity come after our write, so they have seen v too.
            var item = batch.Items[result.Index];
            var seen = result.Version - 1;
            var p = move.Parameters;
            (p[0].Value, p[2].Value, p[3].Value, p[4].Value) = (result.Version, item.EntityType, item.EntityId, seen);
            move.ExecuteNonQuery();
            if (queued)
            {
                store.Execute("UPDATE outbox SET base_version = $v WHERE entity_type = $t AND entity_id = $i AND base_version = $b AND batch_id IS NULL", tx,
                    ("$v", result.Version), ("$t", item.EntityType), ("$i", item.EntityId), ("$b", seen));
                RewriteBaseVersions(tx, item.EntityType!, item.EntityId!, result.Version);
            }
        }
    });

    /// <summary>Moves refused items to the set-aside list with their reasons and frees the rest for a new batch.</summary>
    public int SetAsideRefused(OutboxBatch batch, IReadOnlyList<ItemErrorDto> errors) => store.Write(tx =>
    {
        var refused = 0;
        foreach (var group in errors.Where(e => e.Index >= 0 && e.Index < batch.Items.Count).GroupBy(e => e.Index))
        {
            var item = batch.Items[group.Key];
            var first = group.First();
            store.Execute(
                "INSERT INTO set_aside (entity_type, entity_id, item, code, field, message, at) VALUES ($t, $i, $j, $c, $f, $m, $a)",
                tx,
                ("$t", item.EntityType),
                ("$i", item.EntityId),
                ("$j", JsonSerializer.Serialize(item, RealignJsonContext.Default.SyncItem)),
                ("$c", first.Code ?? "refused"),
                ("$f", first.Field),
                ("$m", string.Join("; ", group.Select(e => e.Message))),
                ("$a", UtcMicros.From(time.GetUtcNow())));
            Remove(tx, batch.Seqs[group.Key]);
            refused++;
        }

        store.Execute("UPDATE outbox SET batch_id = NULL WHERE batch_id = $b", tx, ("$b", batch.BatchId));
        return refused;
    });

    /// <summary>Frees an unsent batch's rows so they can be batched again (the server stored nothing under its id).</summary>
    public void Release(OutboxBatch batch) => store.Write(tx => store.Execute("UPDATE outbox SET batch_id = NULL WHERE batch_id = $b", tx, ("$b", batch.BatchId)));

    /// <summary>Changes the server refused, with their reasons.</summary>
    public IReadOnlyList<SetAsideItem> SetAside() => store.Read(_ =>
    {
        var list = new List<SetAsideItem>();
        using var cmd = store.Command("SELECT id, entity_type, entity_id, code, field, message, item FROM set_aside ORDER BY id", null);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new SetAsideItem(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        return list;
    });

    /// <summary>Queued rows, rows in flight and set-aside items.</summary>
    public (int Queued, int InFlight, int SetAside) Counts() => store.Read(_ =>
    {
        int Count(string sql) => Convert.ToInt32(store.Scalar(sql, null), CultureInfo.InvariantCulture);
        return (Count("SELECT COUNT(*) FROM outbox"), Count("SELECT COUNT(*) FROM outbox WHERE batch_id IS NOT NULL"), Count("SELECT COUNT(*) FROM set_aside"));
    });

    /// <summary>The oldest unbatched row of each entity, oldest first, up to <paramref name="maxItems"/>, read page by page.</summary>
    private List<(long Seq, string Item)> ChooseUnbatched(SqliteTransaction tx, int maxItems)
    {
        var pageSize = Math.Max(64, maxItems * 2);
        var seen = new HashSet<(string, string)>();
        var chosen = new List<(long Seq, string Item)>(Math.Min(maxItems, 4096));
        var after = long.MinValue;
        while (chosen.Count < maxItems)
        {
            var page = Read(tx, "SELECT seq, entity_type, entity_id, item FROM outbox WHERE batch_id IS NULL AND seq > $after ORDER BY seq LIMIT $n", ("$after", after), ("$n", pageSize));
            foreach (var row in page)
            {
                // A later row of an entity already chosen waits for the next batch: it was made after seeing this one.
                if (seen.Add((row.Type, row.Id)))
                {
                    chosen.Add((row.Seq, row.Item));
                    if (chosen.Count == maxItems)
                    {
                        break;
                    }
                }
            }

            if (page.Count < pageSize)
            {
                break;
            }

            after = page[^1].Seq;
        }

        return chosen;
    }

    private List<(long Seq, string Type, string Id, string Item)> Read(SqliteTransaction tx, string sql, params (string, object?)[] args)
    {
        var list = new List<(long, string, string, string)>();
        using var cmd = store.Command(sql, tx, args);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return list;
    }

    private void RewriteBaseVersions(SqliteTransaction tx, string type, string id, long version)
    {
        var updates = new List<(long, string)>();
        using (var cmd = store.Command("SELECT seq, item FROM outbox WHERE entity_type = $t AND entity_id = $i AND base_version = $v AND batch_id IS NULL", tx, ("$t", type), ("$i", id), ("$v", version)))
        using (var reader = cmd.ExecuteReader())
        {
            while (reader.Read())
            {
                var item = JsonSerializer.Deserialize(reader.GetString(1), RealignJsonContext.Default.SyncItem)!;
                item.BaseVersion = version;
                updates.Add((reader.GetInt64(0), JsonSerializer.Serialize(item, RealignJsonContext.Default.SyncItem)));
            }
        }

        foreach (var (seq, json) in updates)
        {
            store.Execute("UPDATE outbox SET item = $j WHERE seq = $s", tx, ("$j", json), ("$s", seq));
        }
    }
}
