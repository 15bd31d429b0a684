using System.Globalization;
using Microsoft.Data.Sqlite;
using Realign.Vault.Storage;
using Realign.Vault.Watch;

namespace Realign.Vault.Files;

/// <summary>Which file of the followed folder holds which note, and the folder itself: what the watcher keeps in the vault.</summary>
/// <remarks>Every read is bounded by what it is asked about (a page of paths, a page of notes), so a rescan of a folder of
/// a million files never holds the whole map in memory.</remarks>
internal sealed class FileMapStore(VaultStore store, string tenantId) : IFolderState
{
    private const string Columns = "path, entity_id, file_hash, payload_hash";

    public Dictionary<string, FileMapEntry> FileMap() => store.Read(_ => Query($"SELECT {Columns} FROM file_map", null).ToDictionary(e => e.Path, StringComparer.Ordinal));

    public bool IsEmpty => store.Read(_ => store.Scalar("SELECT 1 FROM file_map LIMIT 1", null) is null);

    public Dictionary<string, FileMapEntry> ForPaths(IReadOnlyList<string> paths) => store.Read(_ =>
        Query($"SELECT {Columns} FROM file_map WHERE path IN (SELECT value FROM json_each($p))", null, ("$p", JsonList(paths))).ToDictionary(e => e.Path, StringComparer.Ordinal));

    public Dictionary<string, FileMapEntry> ForNotes(IReadOnlyList<string> entityIds) => store.Read(_ =>
        Query($"SELECT {Columns} FROM file_map WHERE entity_id IN (SELECT value FROM json_each($e))", null, ("$e", JsonList(entityIds))).ToDictionary(e => e.EntityId, StringComparer.Ordinal));

    public IFolderScan BeginScan() => new Scan(store, "scan_" + Guid.NewGuid().ToString("N"));

    public List<FileMapEntry> Orphans() => store.Read(_ => Query(
        $"SELECT {Columns} FROM file_map f WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.tenant_id = $tn AND e.entity_type = 'note' AND e.entity_id = f.entity_id)",
        null,
        ("$tn", tenantId)));

    public void SetFileMap(FileMapEntry entry, string? oldPath = null) => store.Write(tx => Set(tx, [(entry, oldPath)]));

    /// <summary>Records each entry's file inside <paramref name="tx"/>, replacing any entry of the same path, note or old path.</summary>
    public void Set(SqliteTransaction tx, IEnumerable<(FileMapEntry Entry, string? OldPath)> entries)
    {
        using var delete = store.Command("DELETE FROM file_map WHERE path = $p OR entity_id = $e OR path = $o", tx, ("$p", ""), ("$e", ""), ("$o", null));
        using var insert = store.Command("INSERT INTO file_map (path, entity_id, file_hash, payload_hash) VALUES ($p, $e, $f, $h)", tx, ("$p", ""), ("$e", ""), ("$f", ""), ("$h", ""));
        delete.Prepare();
        insert.Prepare();
        foreach (var (entry, oldPath) in entries)
        {
            delete.Parameters[0].Value = entry.Path;
            delete.Parameters[1].Value = entry.EntityId;
            delete.Parameters[2].Value = (object?)oldPath ?? DBNull.Value;
            delete.ExecuteNonQuery();
            insert.Parameters[0].Value = entry.Path;
            insert.Parameters[1].Value = entry.EntityId;
            insert.Parameters[2].Value = entry.FileHash;
            insert.Parameters[3].Value = entry.PayloadHash;
            insert.ExecuteNonQuery();
        }
    }

    public void RemoveFileMap(string path) => store.Write(tx => Remove(tx, [path]));

    /// <summary>Forgets the files at <paramref name="paths"/> inside <paramref name="tx"/>.</summary>
    public void Remove(SqliteTransaction tx, IEnumerable<string> paths)
    {
        using var delete = store.Command("DELETE FROM file_map WHERE path = $p", tx, ("$p", ""));
        delete.Prepare();
        foreach (var path in paths)
        {
            delete.Parameters[0].Value = path;
            delete.ExecuteNonQuery();
        }
    }

    public string? WatchedFolder => store.Read(_ => store.Meta(Meta.WatchFolder));

    public void SetWatchedFolder(string folder, bool moved) => store.Write(tx =>
    {
        store.SetMeta(tx, Meta.WatchFolder, folder);
        store.SetMeta(tx, Meta.WatchMoved, moved ? "1" : null);

        // Another folder: every note is written back to it once.
        store.SetMeta(tx, Meta.WatchWrittenBack, null);
    });

    public bool WatchJustMoved
    {
        get => store.Read(_ => store.Meta(Meta.WatchMoved) == "1");
        set => store.Write(tx => store.SetMeta(tx, Meta.WatchMoved, value ? "1" : null));
    }

    public long WrittenBackThrough
    {
        get => store.Read(_ => WrittenBack(null));
        set => store.Write(tx => store.SetMeta(tx, Meta.WatchWrittenBack, value.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The write-back cursor as read inside <paramref name="tx"/>.</summary>
    public long WrittenBack(SqliteTransaction? tx) => long.TryParse(store.Meta(Meta.WatchWrittenBack, tx), out var at) ? at : 0;

    /// <summary>Moves the write-back cursor inside <paramref name="tx"/>.</summary>
    public void SetWrittenBack(SqliteTransaction tx, long at) => store.SetMeta(tx, Meta.WatchWrittenBack, at.ToString(CultureInfo.InvariantCulture));

    private static string JsonList(IReadOnlyList<string> values) =>
        System.Text.Json.JsonSerializer.Serialize(values, VaultJsonContext.Default.IReadOnlyListString);

    private List<FileMapEntry> Query(string sql, SqliteTransaction? tx, params (string, object?)[] args)
    {
        var list = new List<FileMapEntry>();
        using var cmd = store.Command(sql, tx, args);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            list.Add(new FileMapEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return list;
    }

    /// <summary>The paths one rescan found, in a temporary table of the vault's connection (its own, so scans never mix).</summary>
    private sealed class Scan : IFolderScan
    {
        private readonly VaultStore _store;
        private readonly string _table;

        public Scan(VaultStore store, string table)
        {
            _store = store;
            _table = table;
            store.Write(tx => store.Execute($"CREATE TEMP TABLE {table} (path TEXT PRIMARY KEY)", tx));
        }

        public int Count { get; private set; }

        public void Add(IReadOnlyList<string> paths) => _store.Write(tx =>
        {
            using var insert = _store.Command($"INSERT OR IGNORE INTO {_table} (path) VALUES ($p)", tx, ("$p", ""));
            insert.Prepare();
            foreach (var path in paths)
            {
                insert.Parameters[0].Value = path;
                Count += insert.ExecuteNonQuery();
            }
        });

        public List<string> PathsAfter(string after, int limit) => _store.Read(_ =>
        {
            var list = new List<string>(limit);
            using var cmd = _store.Command($"SELECT path FROM {_table} WHERE path > $a ORDER BY path LIMIT $n", null, ("$a", after), ("$n", limit));
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add(reader.GetString(0));
            }

            return list;
        });

        public List<FileMapEntry> Vanished() => _store.Read(_ =>
        {
            var list = new List<FileMapEntry>();
            using var cmd = _store.Command($"SELECT {Columns} FROM file_map WHERE path NOT IN (SELECT path FROM {_table}) ORDER BY path", null);
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                list.Add(new FileMapEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            return list;
        });

        public void Dispose() => _store.Write(tx => _store.Execute($"DROP TABLE IF EXISTS temp.{_table}", tx));
    }
}
