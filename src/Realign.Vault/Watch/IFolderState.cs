namespace Realign.Vault.Watch;

/// <summary>What the folder watcher keeps in the vault besides the notes: the file map, the folder it follows and how far
/// it has written notes back.</summary>
internal interface IFolderState
{
    /// <summary>The whole file map: relative path to the note it holds, with the hashes last synchronised (tests, small maps).</summary>
    Dictionary<string, FileMapEntry> FileMap();

    /// <summary>True when no file is mapped.</summary>
    bool IsEmpty { get; }

    /// <summary>The entries of <paramref name="paths"/> that are mapped, by path.</summary>
    Dictionary<string, FileMapEntry> ForPaths(IReadOnlyList<string> paths);

    /// <summary>The entries of the notes <paramref name="entityIds"/> that have a file, by entity id.</summary>
    Dictionary<string, FileMapEntry> ForNotes(IReadOnlyList<string> entityIds);

    /// <summary>Starts recording the paths of one rescan (kept in the vault, not in memory).</summary>
    IFolderScan BeginScan();

    /// <summary>The mapped files whose note the vault no longer holds at all.</summary>
    List<FileMapEntry> Orphans();

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

    /// <summary>The newest <c>changed_at</c> whose notes are written back to the folder (0: none yet).</summary>
    long WrittenBackThrough { get; set; }
}

/// <summary>The paths one rescan found, kept outside memory so a folder of a million files costs a page at a time.</summary>
internal interface IFolderScan : IDisposable
{
    /// <summary>How many distinct paths were added.</summary>
    int Count { get; }

    /// <summary>Adds a chunk of found paths.</summary>
    void Add(IReadOnlyList<string> paths);

    /// <summary>Up to <paramref name="limit"/> found paths after <paramref name="after"/>, in ordinal order.</summary>
    List<string> PathsAfter(string after, int limit);

    /// <summary>The mapped files this scan did not find, by path.</summary>
    List<FileMapEntry> Vanished();
}
