using Realign.Vault.Storage;
using Realign.Vault.Watch;

namespace Realign.Vault;

public sealed partial class LocalVault
{
    internal Dictionary<string, FileMapEntry> FileMap()
    {
        lock (_gate)
        {
            var map = new Dictionary<string, FileMapEntry>(StringComparer.Ordinal);
            using var cmd = VaultDatabase.Command(_db, "SELECT path, entity_id, file_hash, payload_hash FROM file_map", null);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                map[reader.GetString(0)] = new FileMapEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
            }

            return map;
        }
    }

    internal void SetFileMap(FileMapEntry entry, string? oldPath = null)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            VaultDatabase.Execute(_db, "DELETE FROM file_map WHERE path = $p OR entity_id = $e OR path = $o", tx, ("$p", entry.Path), ("$e", entry.EntityId), ("$o", oldPath));
            VaultDatabase.Execute(_db, "INSERT INTO file_map (path, entity_id, file_hash, payload_hash) VALUES ($p, $e, $f, $h)", tx, ("$p", entry.Path), ("$e", entry.EntityId), ("$f", entry.FileHash), ("$h", entry.PayloadHash));
            tx.Commit();
        }
    }

    /// <summary>The folder this vault follows (absolute), or null before its first watch.</summary>
    public string? WatchedFolder
    {
        get
        {
            lock (_gate)
            {
                return Meta.Get(_db, Meta.WatchFolder);
            }
        }
    }

    /// <summary>Records the followed folder; <paramref name="moved"/> marks that its first rescan must not believe deletions.</summary>
    internal void SetWatchedFolder(string folder, bool moved)
    {
        lock (_gate)
        {
            using var tx = _db.BeginTransaction();
            Meta.Set(_db, tx, Meta.WatchFolder, folder);
            Meta.Set(_db, tx, Meta.WatchMoved, moved ? "1" : null);
            tx.Commit();
        }
    }

    /// <summary>True after a move until the first rescan of the new folder.</summary>
    internal bool WatchJustMoved
    {
        get
        {
            lock (_gate)
            {
                return Meta.Get(_db, Meta.WatchMoved) == "1";
            }
        }

        set
        {
            lock (_gate)
            {
                Meta.Set(_db, null, Meta.WatchMoved, value ? "1" : null);
            }
        }
    }

    internal void RemoveFileMap(string path)
    {
        lock (_gate)
        {
            VaultDatabase.Execute(_db, "DELETE FROM file_map WHERE path = $p", null, ("$p", path));
        }
    }
}
