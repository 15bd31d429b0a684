using System.Security.Cryptography;
using System.Text;
using Realign.Core.Contract;

namespace Realign.Vault.Watch;

/// <summary>Keeps a folder of Markdown files and the vault's <c>note</c> entities in step, both ways.</summary>
/// <remarks>
/// <see cref="Rescan"/> imports file changes as user writes on the vault's channel: a new file creates a note, an edit
/// writes the changed fields, a file that reappears elsewhere with the same content is a rename (same entity id), and so
/// is one that reappears edited but keeping its title or its body, when that ties it to exactly one vanished note; a
/// missing file deletes the note. <see cref="WriteBack"/> writes notes changed elsewhere into their files. The file map
/// keeps, per file, the hash of the file and of the note as they last matched: a file event whose hash equals the
/// recorded one is the watcher's own write and is ignored, so there is no echo loop, and a note whose payload hash is
/// unchanged is never rewritten. A file edited locally since it last matched is never overwritten: the next rescan
/// imports it first. One watched folder per vault: it is recorded in the vault and holds a marker file
/// (<see cref="MarkerFileName"/>); a missing folder or one without the marker is never read as deleted notes.
/// </remarks>
public sealed class FolderWatcher : IDisposable
{
    private static readonly string[] NoteFields = ["title", "body", "tags"];
    private readonly LocalVault _vault;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly TimeSpan _debounce;
    private FileSystemWatcher? _fsw;
    private Timer? _timer;

    /// <summary>The marker file a followed folder holds, as Syncthing's <c>.stfolder</c>: it proves the folder is the one this
    /// vault follows before any vanished file is believed to be a deletion.</summary>
    public const string MarkerFileName = ".realign-folder";

    /// <summary>Creates a watcher for the folder this vault follows.</summary>
    /// <param name="vault">The vault.</param>
    /// <param name="folder">The folder; it must exist (a folder is never created here).</param>
    /// <param name="debounce">How long file events settle before a rescan (default 300 ms).</param>
    /// <param name="move">Follow <paramref name="folder"/> although the vault follows another one (or re-adopt the followed
    /// folder after its marker was lost): the first rescan then deletes nothing; notes with no file there are written out.</param>
    /// <exception cref="VaultException">The folder does not exist, or the vault follows another folder and
    /// <paramref name="move"/> is false. Nothing is changed.</exception>
    public FolderWatcher(LocalVault vault, string folder, TimeSpan? debounce = null, bool move = false)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(folder);
        _vault = vault;
        Folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        _debounce = debounce ?? TimeSpan.FromMilliseconds(300);
        if (!Directory.Exists(Folder))
        {
            throw new VaultException($"folder '{Folder}' does not exist; nothing was changed (create it first to follow a new folder)");
        }

        var followed = vault.WatchedFolder;
        if (followed is not null && followed != Folder && !move)
        {
            throw new VaultException($"this vault follows '{followed}', not '{Folder}'; nothing was changed. To follow '{Folder}' from now on, run the same command with --move");
        }

        if (followed is null && !move && !File.Exists(MarkerPath) && vault.Files.FileMap().Keys is { Count: > 0 } mapped && !mapped.Any(p => File.Exists(Path.Combine(Folder, p))))
        {
            // A vault that followed a folder before folders were recorded: adopt this one only when it holds its files.
            throw new VaultException($"none of this vault's note files are in '{Folder}'; nothing was changed. If the notes moved here, run the same command with --move");
        }

        // The followed folder as it was: nothing to record (without its marker, Rescan holds it; only a move re-adopts it).
        if (followed != Folder || move)
        {
            File.WriteAllText(MarkerPath, "This folder is followed by a Realign vault. Keep this file: without it the vault does not trust the folder and deletes nothing.\n");
            vault.Files.SetWatchedFolder(Folder, moved: followed is not null || move);
        }
    }

    private string MarkerPath => Path.Combine(Folder, MarkerFileName);

    /// <summary>The watched folder.</summary>
    public string Folder { get; }

    /// <summary>Starts file system notifications; <see cref="WaitForChangesAsync"/> then returns soon after a change.</summary>
    public void Start()
    {
        _timer = new Timer(_ => _signal.Release(), null, Timeout.Infinite, Timeout.Infinite);
        _fsw = new FileSystemWatcher(Folder, "*.md") { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName };
        _fsw.Changed += (_, _) => Poke();
        _fsw.Created += (_, _) => Poke();
        _fsw.Deleted += (_, _) => Poke();
        _fsw.Renamed += (_, _) => Poke();
        _fsw.Error += (_, _) => Poke();
        _fsw.EnableRaisingEvents = true;
    }

    /// <summary>Waits for a (debounced) file change, or until <paramref name="maxWait"/> passes (the periodic rescan fallback).</summary>
    /// <returns>True when a change was signalled.</returns>
    public Task<bool> WaitForChangesAsync(TimeSpan maxWait, CancellationToken cancellationToken) => _signal.WaitAsync(maxWait, cancellationToken);

    /// <summary>Why the folder cannot be trusted now (missing, or without its marker), or null when it can.</summary>
    public string? HoldReason()
    {
        if (!Directory.Exists(Folder))
        {
            return $"the followed folder '{Folder}' is missing (unmounted or removed?); nothing was deleted";
        }

        return File.Exists(MarkerPath) ? null
            : $"the followed folder '{Folder}' has lost its {MarkerFileName} marker (an unmounted drive or a replaced folder?); nothing was deleted. If it is the right folder, run the watch command with --move";
    }

    /// <summary>How many files a rescan reads and imports per transaction.</summary>
    internal const int PageSize = 2_000;

    /// <summary>Imports every file change since the last rescan into the vault.</summary>
    /// <param name="progress">Told (files done, files found) after each page of files, for long runs.</param>
    /// <remarks>Changes nothing when the folder is missing or lost its marker (<see cref="RescanResult.Held"/> says why),
    /// so a missing or emptied folder never becomes deletions. The first rescan after a move deletes nothing: a note
    /// without a file in the new folder is written out by <see cref="WriteBack"/> instead. Files are read and imported
    /// a page at a time, each page in one transaction, so a folder of a million files is never held in memory.</remarks>
    public RescanResult Rescan(IProgress<(int Done, int Total)>? progress = null)
    {
        if (HoldReason() is { } held)
        {
            return RescanResult.Hold(held);
        }

        var justMoved = _vault.Files.WatchJustMoved;
        using var scan = _vault.Files.BeginScan();
        foreach (var chunk in Directory.EnumerateFiles(Folder, "*.md", SearchOption.AllDirectories)
            .Select(full => Path.GetRelativePath(Folder, full).Replace('\\', '/'))
            .Where(rel => !rel.Split('/').Any(part => part.StartsWith('.')))
            .Chunk(10_000))
        {
            scan.Add(chunk);
        }

        int created = 0, edited = 0, renamed = 0, done = 0;

        // The files that vanished since the last rescan, and by content hash, the ones a new file may be a rename of.
        var vanished = _vault.Files.IsEmpty ? [] : scan.Vanished();
        var vanishedByHash = vanished.GroupBy(v => v.FileHash, StringComparer.Ordinal).ToDictionary(g => g.Key, g => new Queue<FileMapEntry>(g), StringComparer.Ordinal);
        var claimed = new HashSet<FileMapEntry>();
        var unmatched = new List<(string Path, string Hash)>();
        var after = "";
        while (scan.PathsAfter(after, PageSize) is { Count: > 0 } page)
        {
            after = page[^1];
            var mapped = _vault.Files.ForPaths(page);
            var imports = new List<NoteImport>();
            foreach (var path in page)
            {
                if (ReadText(Path.Combine(Folder, path)) is not { } text)
                {
                    continue;
                }

                var hash = Hash(text);
                if (mapped.TryGetValue(path, out var entry))
                {
                    if (entry.FileHash != hash)
                    {
                        imports.Add(Import(entry.EntityId, path, text, hash));
                        edited++;
                    }

                    continue;
                }

                if (vanishedByHash.TryGetValue(hash, out var same) && same.TryDequeue(out var moved))
                {
                    claimed.Add(moved);
                    imports.Add(Import(moved.EntityId, path, text, hash, moved.Path));
                    renamed++;
                }
                else if (claimed.Count < vanished.Count)
                {
                    // It may be a vanished note renamed and edited: decided once every file is seen.
                    unmatched.Add((path, hash));
                }
                else
                {
                    imports.Add(Import(EntityIds.New("n"), path, text, hash));
                    created++;
                }
            }

            _vault.ImportNotes(imports);
            done += page.Count;
            progress?.Report((done, scan.Count));
        }

        if (unmatched.Count > 0)
        {
            var texts = unmatched
                .Select(u => (u.Path, Text: ReadText(Path.Combine(Folder, u.Path)), u.Hash))
                .Where(u => u.Text is not null && Hash(u.Text) == u.Hash)
                .Select(u => (u.Path, Text: u.Text!, u.Hash))
                .ToList();
            var pairs = RenamedAndEdited(texts, [.. vanished.Where(v => !claimed.Contains(v))]);
            var imports = new List<NoteImport>();
            foreach (var (file, moved) in pairs)
            {
                claimed.Add(moved);
                imports.Add(Import(moved.EntityId, file.Path, file.Text, file.Hash, moved.Path));
                renamed++;
            }

            var paired = pairs.Select(p => p.File.Path).ToHashSet(StringComparer.Ordinal);
            foreach (var file in texts.Where(t => !paired.Contains(t.Path)))
            {
                imports.Add(Import(EntityIds.New("n"), file.Path, file.Text, file.Hash));
                created++;
            }

            foreach (var chunk in imports.Chunk(PageSize))
            {
                _vault.ImportNotes(chunk);
            }
        }

        var deleted = 0;
        foreach (var chunk in vanished.Where(v => !claimed.Contains(v)).Chunk(PageSize))
        {
            deleted += _vault.RemoveVanished(chunk, deleteNotes: !justMoved);
        }

        if (justMoved)
        {
            _vault.Files.WatchJustMoved = false;
        }

        return new RescanResult(created, edited, renamed, deleted);
    }

    /// <summary>Pairs new files with vanished ones that were renamed and edited in the same rescan: a new file and a vanished
    /// note are a pair when the file keeps the note's title or its (non-empty) body, and neither has another such candidate.
    /// A file whose title and body both changed, or that could belong to two vanished notes, stays a new note.</summary>
    private List<((string Path, string Text, string Hash) File, FileMapEntry Moved)> RenamedAndEdited(
        List<(string Path, string Text, string Hash)> unmatched, List<FileMapEntry> vanished)
    {
        if (unmatched.Count == 0 || vanished.Count == 0)
        {
            return [];
        }

        var held = _vault.GetMany("note", vanished.Select(v => v.EntityId).ToList());
        var notes = vanished
            .Select(v => (Entry: v, Note: held.GetValueOrDefault(v.EntityId)))
            .Where(v => v.Note is { IsDeleted: false })
            .Select(v => (v.Entry, Title: v.Note!.Text("title"), Body: v.Note.Text("body")))
            .ToList();
        var candidates = unmatched
            .Select(f => (File: f, Parsed: MarkdownNote.Parse(f.Text, f.Path)))
            .Select(f => (f.File, Matches: notes
                .Where(n => n.Title == f.Parsed.Title || (!string.IsNullOrWhiteSpace(n.Body) && n.Body == f.Parsed.Body))
                .Select(n => n.Entry)
                .ToList()))
            .ToList();
        return [.. candidates
            .Where(c => c.Matches.Count == 1 && candidates.Count(other => other.Matches.Contains(c.Matches[0])) == 1)
            .Select(c => (c.File, c.Matches[0]))];
    }

    /// <summary>How many notes <see cref="WriteBack"/> reads per page.</summary>
    internal const int WriteBackPageSize = 5_000;

    /// <summary>Writes notes changed elsewhere into their files (creating and deleting files as needed).</summary>
    /// <returns>How many files were written or deleted.</returns>
    /// <remarks>Only notes saved since the last write-back are looked at (the cursor is the newest <c>changed_at</c> handled),
    /// in pages; a note whose payload is the one its file was made from is skipped without reading the file.</remarks>
    public int WriteBack()
    {
        if (HoldReason() is not null)
        {
            return 0;
        }

        var written = 0;
        var through = _vault.Files.WrittenBackThrough;
        var (after, afterType, afterId) = (through, "", "");
        while (_vault.ChangedPage(after, afterType, afterId, WriteBackPageSize) is { Count: > 0 } page)
        {
            var notes = page.Where(p => p.Entity.EntityType == "note").Select(p => p.Entity).ToList();
            var byEntity = notes.Count == 0 ? [] : _vault.Files.ForNotes(notes.Select(n => n.EntityId).ToList());
            foreach (var note in notes)
            {
                written += WriteBackNote(note, byEntity.GetValueOrDefault(note.EntityId));
            }

            var (last, changedAt) = page[^1];
            (after, afterType, afterId) = (changedAt, last.EntityType, last.EntityId);
            through = Math.Max(through, changedAt);
        }

        // A note the vault no longer holds at all (its tombstone was purged and dropped by a resync) is a delete too.
        foreach (var gone in _vault.Files.Orphans())
        {
            var full = Path.Combine(Folder, gone.Path);
            if (File.Exists(full) && ReadText(full) is { } text && Hash(text) == gone.FileHash)
            {
                File.Delete(full);
                written++;
            }

            _vault.Files.RemoveFileMap(gone.Path);
        }

        _vault.Files.WrittenBackThrough = through;
        return written;
    }

    private int WriteBackNote(VaultEntity note, FileMapEntry? entry)
    {
        var full = entry is null ? null : Path.Combine(Folder, entry.Path);
        if (note.IsDeleted)
        {
            if (entry is null)
            {
                return 0;
            }

            var deleted = 0;
            if (File.Exists(full) && ReadText(full!) is { } text && Hash(text) == entry.FileHash)
            {
                File.Delete(full!);
                deleted = 1;
            }

            _vault.Files.RemoveFileMap(entry.Path);
            return deleted;
        }

        var payloadHash = PayloadHash(note);
        if (entry is not null && entry.PayloadHash == payloadHash)
        {
            return 0;
        }

        var onDisk = full is not null && File.Exists(full) ? ReadText(full) : null;
        if (entry is not null && onDisk is not null && Hash(onDisk) != entry.FileHash)
        {
            // Edited here since it last matched: the next rescan imports it first.
            return 0;
        }

        var rendered = ToMarkdown(note).Render();
        var path = entry?.Path ?? UniquePath(note);
        WriteAtomically(Path.Combine(Folder, path), rendered);
        _vault.Files.SetFileMap(new FileMapEntry(path, note.EntityId, Hash(rendered), payloadHash));
        return 1;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fsw?.Dispose();
        _timer?.Dispose();
        _signal.Dispose();
    }

    private void Poke() => _timer?.Change(_debounce, Timeout.InfiniteTimeSpan);

    private static NoteImport Import(string entityId, string path, string text, string hash, string? oldPath = null)
    {
        var parsed = MarkdownNote.Parse(text, path);
        KeyValuePair<string, string>[] fields =
        [
            new("title", LocalVault.JsonString(parsed.Title)),
            new("body", LocalVault.JsonString(parsed.Body)),
            new("tags", TagsJson(parsed.Tags)),
        ];

        // After the import these are the note's fields (the user's write is the newest), so the note's hash is theirs.
        return new NoteImport(entityId, path, oldPath, hash, fields, PayloadHash(fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal)));
    }

    private static MarkdownNote ToMarkdown(VaultEntity note)
    {
        var tags = new List<string>();
        if (note.Payload.TryGetValue("tags", out var json) && JsonValues.Parse(json) is { ValueKind: System.Text.Json.JsonValueKind.Array } array)
        {
            tags.AddRange(array.EnumerateArray().Where(t => t.ValueKind == System.Text.Json.JsonValueKind.String).Select(t => t.GetString()!));
        }

        return new MarkdownNote(note.Text("title") ?? note.EntityId, note.Text("body") ?? "", tags);
    }

    private string UniquePath(VaultEntity note)
    {
        var title = note.Text("title") ?? note.EntityId;
        var slug = new string(title.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ' ? c : '-').ToArray()).Trim();
        if (slug.Length == 0 || slug.StartsWith('.'))
        {
            slug = note.EntityId;
        }

        slug = slug.Length > 80 ? slug[..80] : slug;
        var path = slug + ".md";
        for (var i = 2; File.Exists(Path.Combine(Folder, path)); i++)
        {
            path = $"{slug} ({i}).md";
        }

        return path;
    }

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + ".realign-tmp");
        File.WriteAllText(temp, text, new UTF8Encoding(false));
        File.Move(temp, path, overwrite: true);
    }

    private static string? ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string TagsJson(IReadOnlyList<string> tags) =>
        "[" + string.Join(",", tags.Select(LocalVault.JsonString)) + "]";

    private static string PayloadHash(VaultEntity note) => PayloadHash(note.Payload);

    private static string PayloadHash(IReadOnlyDictionary<string, string> payload) =>
        Hash(string.Join("\n", NoteFields.Select(f => payload.GetValueOrDefault(f) ?? "")));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
