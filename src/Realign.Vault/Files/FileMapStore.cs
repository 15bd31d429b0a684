using Realign.Vault.Storage;
using Realign.Vault.Watch;

namespace Realign.Vault.Files;

/// <summary>Which file of the followed folder holds which note, and the folder itself: what the watcher keeps in the vault.</summary>
internal sealed class FileMapStore(VaultStore store) : IFolderState
{
    public Dictionary<string, FileMapEntry> FileMap() => store.Read(_ =>
    {
        var map = new Dictionary<string, FileMapEntry>(StringComparer.Ordinal);
        using var cmd = store.Command("SELECT path, entity_id, file_hash, payload_hash FROM file_map", null);
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            map[reader.GetString(0)] = new FileMapEntry(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
        }

        return map;
    });

    public void SetFileMap(FileMapEntry entry, string? oldPath = null) => store.Write(tx =>
    {
        store.Execute("DELETE FROM file_map WHERE path = $p OR entity_id = $e OR path = $o", tx, ("$p", entry.Path), ("$e", entry.EntityId), ("$o", oldPath));
        store.Execute("INSERT INTO file_map (path, entity_id, file_hash, payload_hash) VALUES ($p, $e, $f, $h)", tx, ("$p", entry.Path), ("$e", entry.EntityId), ("$f", entry.FileHash), ("$h", entry.PayloadHash));
    });

    public void RemoveFileMap(string path) => store.Write(tx => store.Execute("DELETE FROM file_map WHERE path = $p", tx, ("$p", path)));

    public string? WatchedFolder => store.Read(_ => store.Meta(Meta.WatchFolder));

    public void SetWatchedFolder(string folder, bool moved) => store.Write(tx =>
    {
        store.SetMeta(tx, Meta.WatchFolder, folder);
        store.SetMeta(tx, Meta.WatchMoved, moved ? "1" : null);
    });

    public bool WatchJustMoved
    {
        get => store.Read(_ => store.Meta(Meta.WatchMoved) == "1");
        set => store.Write(tx => store.SetMeta(tx, Meta.WatchMoved, value ? "1" : null));
    }
}
