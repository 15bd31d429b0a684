using Realign.Core.Contract;
using Realign.Vault.Storage;

namespace Realign.Vault;

public sealed partial class LocalVault
{
    /// <summary>The <see cref="ReplicaChecksum"/> of this vault's live entities: equal to the server's at the same cursor when nothing diverged.</summary>
    public string Checksum()
    {
        lock (_gate)
        {
            return ReplicaChecksum.Compute(EntityRows.LoadAll(_db, Settings.TenantId, null).Select(e => e.State));
        }
    }

    /// <summary>Forgets every entity that has no queued local change and resets the checkpoint, so the next pull rebuilds the replica from the server.</summary>
    /// <remarks>Joins only ever add registers, so a replica holding a register the server never saw cannot heal by pulling again; it must drop its copy.</remarks>
    internal void ForgetSyncedEntities()
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            VaultDatabase.Execute(_db, "DELETE FROM entities WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.entity_type = entities.entity_type AND o.entity_id = entities.entity_id)", tx);
            Meta.Set(_db, tx, Meta.Checkpoint, "0");
            tx.Commit();
        }
    }
}
