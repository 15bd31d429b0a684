using Microsoft.Data.Sqlite;
using Realign.Vault.Storage;

namespace Realign.Vault;

public sealed partial class LocalVault
{
    /// <summary>Starts the next pull from the beginning (after <c>resync-required</c>).</summary>
    /// <remarks>The resync remembers every entity it pulls; when its last page is applied, entities the server no longer
    /// has (their tombstones were purged) and that have no queued change are removed, so a delete made elsewhere is not
    /// silently missed.</remarks>
    internal void ResetCheckpoint()
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            VaultDatabase.Execute(_db, "DELETE FROM resync_seen", tx);
            Meta.Set(_db, tx, Meta.Resync, "1");
            Meta.Set(_db, tx, Meta.Checkpoint, "0");
            tx.Commit();
        }
    }

    private int FinishResync(SqliteTransaction tx)
    {
        using var cmd = VaultDatabase.Command(
            _db,
            "DELETE FROM entities WHERE server_version > 0 " +
            "AND NOT EXISTS (SELECT 1 FROM resync_seen s WHERE s.entity_type = entities.entity_type AND s.entity_id = entities.entity_id) " +
            "AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_type = entities.entity_type AND o.entity_id = entities.entity_id)",
            tx);
        var removed = cmd.ExecuteNonQuery();
        VaultDatabase.Execute(_db, "DELETE FROM resync_seen", tx);
        Meta.Set(_db, tx, Meta.Resync, null);
        return removed;
    }
}
