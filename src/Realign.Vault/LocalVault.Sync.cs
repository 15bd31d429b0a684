using System.Globalization;
using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Vault.Storage;
using Realign.Vault.Sync;

namespace Realign.Vault;

public sealed partial class LocalVault
{
    /// <summary>The next batch to push: the batch already in flight (same id, same items) or a new one, at most one item per entity.</summary>
    /// <remarks>The batch id is committed before the batch is sent, so a retry after a crash replays the same id. The outbox
    /// is read in bounded pages from the oldest row (never whole), so the cost of a batch does not grow with the outbox.</remarks>
    internal OutboxBatch? NextBatch(int maxItems)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            var inFlight = VaultDatabase.Scalar(_db, "SELECT batch_id FROM outbox WHERE batch_id IS NOT NULL LIMIT 1", tx) as string;
            List<(long Seq, string Item)> chosen;
            string batchId;
            if (inFlight is not null)
            {
                batchId = inFlight;
                chosen = ReadOutbox(tx, "SELECT seq, entity_type, entity_id, item FROM outbox WHERE batch_id = $b ORDER BY seq", ("$b", inFlight))
                    .Select(r => (r.Seq, r.Item)).ToList();
            }
            else
            {
                batchId = "b_" + Guid.NewGuid().ToString("N");
                chosen = ChooseUnbatched(tx, maxItems);
                foreach (var (seq, _) in chosen)
                {
                    VaultDatabase.Execute(_db, "UPDATE outbox SET batch_id = $b WHERE seq = $s", tx, ("$b", batchId), ("$s", seq));
                }
            }

            if (chosen.Count == 0)
            {
                return null;
            }

            tx.Commit();
            return new OutboxBatch(
                batchId,
                chosen.Select(r => r.Seq).ToList(),
                chosen.Select(r => JsonSerializer.Deserialize(r.Item, RealignJsonContext.Default.SyncItem)!).ToList());
        }
    }

    /// <summary>The oldest unbatched row of each entity, oldest first, up to <paramref name="maxItems"/>, read page by page.</summary>
    private List<(long Seq, string Item)> ChooseUnbatched(Microsoft.Data.Sqlite.SqliteTransaction tx, int maxItems)
    {
        var pageSize = Math.Max(64, maxItems * 2);
        var seen = new HashSet<(string, string)>();
        var chosen = new List<(long Seq, string Item)>(Math.Min(maxItems, 4096));
        var after = long.MinValue;
        while (chosen.Count < maxItems)
        {
            var page = ReadOutbox(tx, "SELECT seq, entity_type, entity_id, item FROM outbox WHERE batch_id IS NULL AND seq > $after ORDER BY seq LIMIT $n", ("$after", after), ("$n", pageSize));
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

    private List<(long Seq, string Type, string Id, string Item)> ReadOutbox(Microsoft.Data.Sqlite.SqliteTransaction tx, string sql, params (string, object?)[] args)
    {
        var rows = new List<(long, string, string, string)>();
        using var cmd = VaultDatabase.Command(_db, sql, tx, args);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }

    /// <summary>Records a pushed batch: removes its rows and moves base versions on where this vault's write was the only change.</summary>
    internal void CompleteBatch(OutboxBatch batch, PushResponse response)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            foreach (var seq in batch.Seqs)
            {
                VaultDatabase.Execute(_db, "DELETE FROM outbox WHERE seq = $s", tx, ("$s", seq));
            }

            foreach (var result in response.Results)
            {
                if (result.Index < 0 || result.Index >= batch.Items.Count)
                {
                    continue;
                }

                var item = batch.Items[result.Index];
                if (result.Outcome != ItemOutcome.Applied)
                {
                    continue;
                }

                // Our write made version v. Whoever had seen v - 1 has seen everything but our write, and later local
                // edits of this entity come after our write, so they have seen v too.
                var seen = result.Version - 1;
                VaultDatabase.Execute(_db, "UPDATE entities SET server_version = $v WHERE entity_type = $t AND entity_id = $i AND server_version = $b", tx, ("$v", result.Version), ("$t", item.EntityType), ("$i", item.EntityId), ("$b", seen));
                VaultDatabase.Execute(_db, "UPDATE outbox SET base_version = $v WHERE entity_type = $t AND entity_id = $i AND base_version = $b AND batch_id IS NULL", tx, ("$v", result.Version), ("$t", item.EntityType), ("$i", item.EntityId), ("$b", seen));
                RewriteBaseVersions(tx, item.EntityType!, item.EntityId!, result.Version);
            }

            tx.Commit();
        }
    }

    private void RewriteBaseVersions(Microsoft.Data.Sqlite.SqliteTransaction tx, string type, string id, long version)
    {
        var updates = new List<(long, string)>();
        using (var cmd = VaultDatabase.Command(_db, "SELECT seq, item FROM outbox WHERE entity_type = $t AND entity_id = $i AND base_version = $v AND batch_id IS NULL", tx, ("$t", type), ("$i", id), ("$v", version)))
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
            VaultDatabase.Execute(_db, "UPDATE outbox SET item = $j WHERE seq = $s", tx, ("$j", json), ("$s", seq));
        }
    }

    /// <summary>Moves refused items to the set-aside list with their reasons and frees the rest for a new batch.</summary>
    internal int SetAsideRefused(OutboxBatch batch, IReadOnlyList<ItemErrorDto> errors)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            var refused = 0;
            foreach (var group in errors.Where(e => e.Index >= 0 && e.Index < batch.Items.Count).GroupBy(e => e.Index))
            {
                var item = batch.Items[group.Key];
                var first = group.First();
                VaultDatabase.Execute(
                    _db,
                    "INSERT INTO set_aside (entity_type, entity_id, item, code, field, message, at) VALUES ($t, $i, $j, $c, $f, $m, $a)",
                    tx,
                    ("$t", item.EntityType),
                    ("$i", item.EntityId),
                    ("$j", JsonSerializer.Serialize(item, RealignJsonContext.Default.SyncItem)),
                    ("$c", first.Code ?? "refused"),
                    ("$f", first.Field),
                    ("$m", string.Join("; ", group.Select(e => e.Message))),
                    ("$a", UtcMicros.From(_time.GetUtcNow())));
                VaultDatabase.Execute(_db, "DELETE FROM outbox WHERE seq = $s", tx, ("$s", batch.Seqs[group.Key]));
                refused++;
            }

            VaultDatabase.Execute(_db, "UPDATE outbox SET batch_id = NULL WHERE batch_id = $b", tx, ("$b", batch.BatchId));
            tx.Commit();
            return refused;
        }
    }

    /// <summary>Frees an unsent batch's rows so they can be batched again (the server stored nothing under its id).</summary>
    internal void ReleaseBatch(OutboxBatch batch)
    {
        lock (_gate)
        {
            VaultDatabase.Execute(_db, "UPDATE outbox SET batch_id = NULL WHERE batch_id = $b", null, ("$b", batch.BatchId));
        }
    }

    /// <summary>The pull checkpoint (the server cursor after the last applied page).</summary>
    internal long Checkpoint
    {
        get
        {
            lock (_gate)
            {
                return CheckpointUnlocked();
            }
        }
    }

    /// <summary>Applies one pulled page and the new checkpoint in one transaction; returns how many entities changed.</summary>
    internal int ApplyPage(PullResponse page)
    {
        lock (_gate)
        {
            var resync = Meta.Get(_db, Meta.Resync) == "1";
            using var tx = _db.BeginTransaction();
            var changed = 0;
            foreach (var head in page.Items)
            {
                var remote = EntityCodec.FromHead(head, Settings.TenantId);
                if (resync)
                {
                    VaultDatabase.Execute(_db, "INSERT OR IGNORE INTO resync_seen (entity_type, entity_id) VALUES ($t, $i)", tx, ("$t", remote.Key.EntityType), ("$i", remote.Key.EntityId));
                }

                var loaded = EntityRows.Load(_db, tx, Settings.TenantId, remote.Key.EntityType, remote.Key.EntityId);
                EntityState state;
                if (loaded is { } local)
                {
                    state = local.State;
                    if (EntityMerger.Join(state, remote))
                    {
                        state.Version++;
                        changed++;
                    }
                }
                else
                {
                    state = remote;
                    changed++;
                }

                ObserveStamps(remote);
                EntityRows.Save(_db, tx, state, Math.Max(head.Version ?? 0, loaded?.ServerVersion ?? 0));
            }

            if (resync && !page.HasMore)
            {
                changed += FinishResync(tx);
            }

            Meta.Set(_db, tx, Meta.Checkpoint, page.NextCursor.ToString(CultureInfo.InvariantCulture));
            Meta.Set(_db, tx, Meta.Clock, _clock.Last.Micros.ToString(CultureInfo.InvariantCulture));
            tx.Commit();
            return changed;
        }
    }

    /// <summary>Replaces the cached open conflicts and records the sync time.</summary>
    internal void FinishSync(IReadOnlyList<ConflictDto>? conflicts)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            if (conflicts is not null)
            {
                VaultDatabase.Execute(_db, "DELETE FROM conflicts", tx);
                foreach (var c in conflicts.Where(c => c.ConflictId is not null && c.Status == "open"))
                {
                    VaultDatabase.Execute(_db, "INSERT OR REPLACE INTO conflicts (conflict_id, body) VALUES ($i, $b)", tx, ("$i", c.ConflictId), ("$b", JsonSerializer.Serialize(c, RealignJsonContext.Default.ConflictDto)));
                }
            }

            Meta.Set(_db, tx, Meta.LastSync, UtcMicros.Format(UtcMicros.From(_time.GetUtcNow())));
            tx.Commit();
        }
    }

    private void ObserveStamps(EntityState remote)
    {
        void Field(FieldState f)
        {
            if (f.User is { } u)
            {
                _clock.Observe(u.Stamp.AtMicros);
            }

            foreach (var o in f.Others)
            {
                _clock.Observe(o.Stamp.AtMicros);
            }
        }

        Field(remote.Deleted);
        foreach (var f in remote.Fields.Values)
        {
            Field(f);
        }
    }
}
