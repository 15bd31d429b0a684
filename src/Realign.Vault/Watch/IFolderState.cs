namespace Realign.Vault.Watch;

/// <summary>What the folder watcher keeps in the vault besides the notes: the file map and the folder it follows.</summary>
internal interface IFolderState
{
    /// <summary>The file map: relative path to the note it holds, with the hashes last synchronised.</summary>
    Dictionary<string, FileMapEntry> FileMap();

    /// <summary>Records that <paramref name="entry"/>'s file holds its note (replacing any entry of the same path, note or <paramref name="oldPath"/>).</summary>
    void SetFileMap(FileMapEntry entry, string? oldPath = null);

    /// <summary>Forgets the file at <paramref name="path"/>.</summary>
    void RemoveFileMap(string path);

    /// <summary>The folder this vault follows (absolute), or null before its first watch.</summary>
    string? WatchedFolder { get; }

    /// <summary>Records the followed folder; <paramref name="moved"/> marks that its first rescan must not believe deletions.</summary>
    void SetWatchedFolder(string folder, bool moved);

    /// <summary>True after a move until the first rescan of the new folder.</summary>
    bool WatchJustMoved { get; set; }
}
