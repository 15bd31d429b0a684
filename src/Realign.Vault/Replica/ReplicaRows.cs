using Microsoft.Data.Sqlite;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Storage;
using Realign.Vault.Storage;

namespace Realign.Vault.Replica;

/// <summary>The vault's entities, kept through <see cref="SqliteEntityRows"/> (the code the server's SQLite store keeps its
/// entities with); a row's <c>seq</c> is the server version of the entity this vault last saw (0 before its first sync), and
/// its JSON copies are computed from the head (<see cref="EntityCopies.Generated"/>).</summary>
internal sealed class ReplicaRows(VaultStore store, string tenantId, TimeProvider time)
{
    /// <summary>The tenant of every row.</summary>
    public string TenantId => tenantId;

    public (EntityState State, long ServerVersion)? Load(SqliteTransaction? tx, EntityKey key) =>
        SqliteEntityRows.Load(store.Connection, tx, key) is { } row ? (row.State, row.Seq) : null;

    public Dictionary<EntityKey, (EntityState State, long ServerVersion)> LoadMany(SqliteTransaction? tx, IReadOnlyList<EntityKey> keys) =>
        SqliteEntityRows.LoadManyWithSeq(store.Connection, tx, tenantId, keys);

    /// <summary>The server version this vault last saw of each of <paramref name="keys"/> it holds.</summary>
    public Dictionary<EntityKey, long> ServerVersions(SqliteTransaction? tx, IReadOnlyList<EntityKey> keys) =>
        SqliteEntityRows.LoadSeqs(store.Connection, tx, tenantId, keys);

    public List<(EntityState State, long ServerVersion)> Scan(SqliteTransaction? tx, string? entityType) =>
        SqliteEntityRows.Scan(store.Connection, tx, tenantId, entityType);

    public List<(EntityState State, long Seq, long ChangedAt)> ChangedAfter(long afterMicros, int limit) =>
        SqliteEntityRows.ScanChangedAfter(store.Connection, null, tenantId, afterMicros, limit);

    public void Save(SqliteTransaction tx, EntityState state, long serverVersion) => SaveMany(tx, [(state, serverVersion)]);

    /// <summary>A keyset page of the entities saved after (<paramref name="afterMicros"/>, <paramref name="afterType"/>, <paramref name="afterId"/>).</summary>
    public List<(EntityState State, long Seq, long ChangedAt)> ChangedAfter(long afterMicros, string afterType, string afterId, int limit) =>
        SqliteEntityRows.ScanChangedAfter(store.Connection, null, tenantId, afterMicros, afterType, afterId, limit);

    /// <summary>The newest <c>changed_at</c> (0 when the vault holds nothing).</summary>
    public long LastChangedAt(SqliteTransaction? tx) =>
        store.Scalar("SELECT MAX(changed_at) FROM entities WHERE tenant_id = $tn", tx, ("$tn", tenantId)) is long last ? last : 0;

    /// <summary>Saves the rows as changed now, and returns that time.</summary>
    /// <remarks><c>changed_at</c> only grows: a save is stamped after every earlier one even when the wall clock stepped
    /// back, so a reader that remembers the newest <c>changed_at</c> it handled never misses a later save.</remarks>
    public long SaveMany(SqliteTransaction tx, IReadOnlyList<(EntityState State, long ServerVersion)> rows)
    {
        var now = Math.Max(UtcMicros.From(time.GetUtcNow()), LastChangedAt(tx) + 1);
        SqliteEntityRows.Save(store.Connection, tx, tenantId, now, rows, EntityCopies.Generated);
        return now;
    }

    public int CountLive() => Convert.ToInt32(store.Scalar("SELECT COUNT(*) FROM entities WHERE tenant_id = $tn AND deleted = 0", null, ("$tn", tenantId)), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Drops every entity that has no queued local change.</summary>
    public void ForgetUnqueued(SqliteTransaction tx) =>
        store.Execute("DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_type = entities.entity_type AND o.entity_id = entities.entity_id)", tx);

    /// <summary>Drops every synced entity a resync did not see and that has no queued local change; returns how many.</summary>
    public int ForgetUnseenByResync(SqliteTransaction tx)
    {
        using var cmd = store.Command(
            "DELETE FROM entities WHERE seq > 0 " +
            "AND NOT EXISTS (SELECT 1 FROM resync_seen s WHERE s.entity_type = entities.entity_type AND s.entity_id = entities.entity_id) " +
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_type = entities.entity_type AND o.entity_id = entities.entity_id)",
            tx);
        return cmd.ExecuteNonQuery();
    }
}
