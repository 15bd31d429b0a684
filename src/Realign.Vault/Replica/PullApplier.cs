using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Vault.Clock;
using Realign.Vault.Storage;

namespace Realign.Vault.Replica;

/// <summary>The pull side of the vault: applies pulled pages with the checkpoint, caches the open conflicts, and runs a
/// resync or a rebuild from the server.</summary>
/// <remarks>Each page and the new checkpoint are applied in one transaction, so a crash between pages resumes from the last
/// applied page. A resync remembers every entity it pulls; when its last page is applied, entities the server no longer has
/// (their tombstones were purged) and that have no queued change are removed, so a delete made elsewhere is not silently
/// missed.</remarks>
internal sealed class PullApplier(VaultStore store, ReplicaRows rows, HybridLogicalClock clock, string tenantId, TimeProvider time)
{
    /// <summary>The server cursor after the last applied page.</summary>
    public long Checkpoint => store.Read(_ => Read(null));

    /// <summary>Applies one pulled page and the new checkpoint in one transaction; returns how many entities changed.</summary>
    public int ApplyPage(PullResponse page) => store.Write(tx =>
    {
        var resync = store.Meta(Meta.Resync, tx) == "1";
        var changed = 0;
        IEnumerable<SyncItem> heads = page.Items;
        if (!resync)
        {
            // A head at a server version this vault already saw holds nothing it lacks (it pulled that version, or made it
            // by a push of its own, whose applied version it records): skipped without parsing it or the stored row.
            var seen = rows.ServerVersions(tx, page.Items.Select(h => new EntityKey(tenantId, h.EntityType ?? "", h.EntityId ?? "")).ToList());
            heads = page.Items.Where(h => !(h.Version is { } v && seen.TryGetValue(new EntityKey(tenantId, h.EntityType ?? "", h.EntityId ?? ""), out var known) && v <= known));
        }

        var remotes = heads.Select(head => (Head: head, State: EntityCodec.FromHead(head, tenantId))).ToList();
        var stored = rows.LoadMany(tx, remotes.Select(r => r.State.Key).Distinct().ToList());
        var saves = new Dictionary<EntityKey, (EntityState State, long ServerVersion)>();
        foreach (var (head, remote) in remotes)
        {
            if (resync)
            {
                store.Execute("INSERT OR IGNORE INTO resync_seen (entity_type, entity_id) VALUES ($t, $i)", tx, ("$t", remote.Key.EntityType), ("$i", remote.Key.EntityId));
            }

            (EntityState State, long ServerVersion)? loaded = saves.TryGetValue(remote.Key, out var pending) ? pending
                : stored.TryGetValue(remote.Key, out var row) ? row : null;
            EntityState state;
            var moved = true;
            if (loaded is { } local)
            {
                state = local.State;
                moved = EntityMerger.Join(state, remote);
                if (moved)
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
            var serverVersion = Math.Max(head.Version ?? 0, loaded?.ServerVersion ?? 0);
            if (moved || serverVersion != loaded?.ServerVersion)
            {
                // A head this replica already holds, at a server version it already saw (its own push coming back), is not written again.
                saves[remote.Key] = (state, serverVersion);
            }
        }

        rows.SaveMany(tx, saves.Values.ToList());
        if (resync && !page.HasMore)
        {
            changed += rows.ForgetUnseenByResync(tx);
            store.Execute("DELETE FROM resync_seen", tx);
            store.SetMeta(tx, Meta.Resync, null);
        }

        store.SetMeta(tx, Meta.Checkpoint, page.NextCursor.ToString(CultureInfo.InvariantCulture));
        store.SetMeta(tx, Meta.Clock, clock.Last.Micros.ToString(CultureInfo.InvariantCulture));
        return changed;
    });

    /// <summary>Replaces the cached open conflicts and records the sync time.</summary>
    public void FinishSync(IReadOnlyList<ConflictDto>? conflicts) => store.Write(tx =>
    {
        if (conflicts is not null)
        {
            store.Execute("DELETE FROM conflicts", tx);
            foreach (var c in conflicts.Where(c => c.ConflictId is not null && c.Status == "open"))
            {
                store.Execute("INSERT OR REPLACE INTO conflicts (conflict_id, body) VALUES ($i, $b)", tx, ("$i", c.ConflictId), ("$b", JsonSerializer.Serialize(c, RealignJsonContext.Default.ConflictDto)));
            }
        }

        store.SetMeta(tx, Meta.LastSync, UtcMicros.Format(UtcMicros.From(time.GetUtcNow())));
    });

    /// <summary>The open conflicts fetched at the last sync, as the server sent them.</summary>
    public List<ConflictDto> CachedConflicts() => store.Read(_ =>
    {
        var list = new List<ConflictDto>();
        using var cmd = store.Command("SELECT body FROM conflicts ORDER BY conflict_id", null);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(JsonSerializer.Deserialize(reader.GetString(0), RealignJsonContext.Default.ConflictDto)!);
        }

        return list;
    });

    /// <summary>Starts the next pull from the beginning (after <c>resync-required</c>).</summary>
    public void ResetCheckpoint() => store.Write(ResetCheckpoint);

    /// <summary>Starts the next pull from the beginning, on the caller's transaction.</summary>
    public void ResetCheckpoint(SqliteTransaction tx)
    {
        store.Execute("DELETE FROM resync_seen", tx);
        store.SetMeta(tx, Meta.Resync, "1");
        store.SetMeta(tx, Meta.Checkpoint, "0");
    }

    /// <summary>Forgets every entity that has no queued local change and resets the checkpoint, so the next pull rebuilds the replica from the server.</summary>
    /// <remarks>Joins only ever add registers, so a replica holding a register the server never saw cannot heal by pulling again; it must drop its copy.</remarks>
    public void ForgetSyncedEntities() => store.Write(tx =>
    {
        rows.ForgetUnqueued(tx);
        store.SetMeta(tx, Meta.Checkpoint, "0");
    });

    /// <summary>The checkpoint, read on the caller's transaction (or none).</summary>
    public long Read(SqliteTransaction? tx) => long.TryParse(store.Meta(Meta.Checkpoint, tx), out var c) ? c : 0;

    private void ObserveStamps(EntityState remote)
    {
        void Field(FieldState f)
        {
            if (f.User is { } u)
            {
                clock.Observe(u.Stamp.AtMicros);
            }

            foreach (var o in f.Others)
            {
                clock.Observe(o.Stamp.AtMicros);
            }
        }

        Field(remote.Deleted);
        foreach (var f in remote.Fields.Values)
        {
            Field(f);
        }
    }
}
