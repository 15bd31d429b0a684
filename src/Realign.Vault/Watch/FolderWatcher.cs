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

    /// <summary>Imports every file change since the last rescan into the vault.</summary>
    /// <remarks>Changes nothing when the folder is missing or lost its marker (<see cref="RescanResult.Held"/> says why),
    /// so a missing or emptied folder never becomes deletions. The first rescan after a move deletes nothing: a note
    /// without a file in the new folder is written out by <see cref="WriteBack"/> instead.</remarks>
    public RescanResult Rescan()
    {
        if (HoldReason() is { } held)
        {
            return RescanResult.Hold(held);
        }

        var justMoved = _vault.Files.WatchJustMoved;
        var map = _vault.Files.FileMap();
        var files = Directory.EnumerateFiles(Folder, "*.md", SearchOption.AllDirectories)
            .Select(full => (Rel: Path.GetRelativePath(Folder, full).Replace('\\', '/'), Full: full))
            .Where(f => !f.Rel.Split('/').Any(part => part.StartsWith('.')))
            .ToDictionary(f => f.Rel, f => ReadText(f.Full), StringComparer.Ordinal);
        int created = 0, edited = 0, renamed = 0, deleted = 0;
        var vanished = map.Values.Where(e => !files.ContainsKey(e.Path)).ToList();
        var unmatched = new List<(string Path, string Text, string Hash)>();
        foreach (var (path, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            if (text is null)
            {
                continue;
            }

            var hash = Hash(text);
            if (map.TryGetValue(path, out var entry))
            {
                if (entry.FileHash != hash)
                {
                    Import(entry.EntityId, path, text, hash);
                    edited++;
                }

                continue;
            }

            var moved = vanished.FirstOrDefault(e => e.FileHash == hash);
            if (moved is not null)
            {
                vanished.Remove(moved);
                Import(moved.EntityId, path, text, hash, moved.Path);
                renamed++;
                continue;
            }

            unmatched.Add((path, text, hash));
        }

        foreach (var (file, moved) in RenamedAndEdited(unmatched, vanished))
        {
            vanished.Remove(moved);
            unmatched.Remove(file);
            Import(moved.EntityId, file.Path, file.Text, file.Hash, moved.Path);
            renamed++;
        }

        foreach (var file in unmatched)
        {
            Import(EntityIds.New("n"), file.Path, file.Text, file.Hash);
            created++;
        }

        foreach (var gone in vanished)
        {
            if (!justMoved && _vault.Get("note", gone.EntityId) is { IsDeleted: false })
            {
                _vault.Delete("note", gone.EntityId);
                deleted++;
            }

            _vault.Files.RemoveFileMap(gone.Path);
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

        var notes = vanished
            .Select(v => (Entry: v, Note: _vault.Get("note", v.EntityId)))
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

    /// <summary>Writes notes changed elsewhere into their files (creating and deleting files as needed).</summary>
    /// <returns>How many files were written or deleted.</returns>
    public int WriteBack()
    {
        if (HoldReason() is not null)
        {
            return 0;
        }

        var byEntity = _vault.Files.FileMap().Values.ToDictionary(e => e.EntityId, StringComparer.Ordinal);
        var written = 0;
        var notes = _vault.List("note", includeDeleted: true);
        foreach (var note in notes)
        {
            byEntity.TryGetValue(note.EntityId, out var entry);
            var full = entry is null ? null : Path.Combine(Folder, entry.Path);
            var onDisk = full is not null && File.Exists(full) ? ReadText(full) : null;
            var untouched = entry is not null && onDisk is not null && Hash(onDisk) == entry.FileHash;
            if (note.IsDeleted)
            {
                if (entry is not null)
                {
                    if (untouched)
                    {
                        File.Delete(full!);
                        written++;
                    }

                    _vault.Files.RemoveFileMap(entry.Path);
                }

                continue;
            }

            var payloadHash = PayloadHash(note);
            if (entry is not null && (entry.PayloadHash == payloadHash || (onDisk is not null && !untouched)))
            {
                continue;
            }

            var rendered = ToMarkdown(note).Render();
            var path = entry?.Path ?? UniquePath(note);
            WriteAtomically(Path.Combine(Folder, path), rendered);
            _vault.Files.SetFileMap(new FileMapEntry(path, note.EntityId, Hash(rendered), payloadHash));
            written++;
        }

        // A note the vault no longer holds at all (its tombstone was purged and dropped by a resync) is a delete too.
        var known = notes.Select(n => n.EntityId).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in byEntity.Values.Where(e => !known.Contains(e.EntityId)))
        {
            var full = Path.Combine(Folder, gone.Path);
            if (File.Exists(full) && ReadText(full) is { } text && Hash(text) == gone.FileHash)
            {
                File.Delete(full);
                written++;
            }

            _vault.Files.RemoveFileMap(gone.Path);
        }

        return written;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _fsw?.Dispose();
        _timer?.Dispose();
        _signal.Dispose();
    }

    private void Poke() => _timer?.Change(_debounce, Timeout.InfiniteTimeSpan);

    private void Import(string entityId, string path, string text, string hash, string? oldPath = null)
    {
        var parsed = MarkdownNote.Parse(text, path);
        var wanted = new List<KeyValuePair<string, string>>
        {
            new("title", LocalVault.JsonString(parsed.Title)),
            new("body", LocalVault.JsonString(parsed.Body)),
            new("tags", TagsJson(parsed.Tags)),
        };
        var current = _vault.Get("note", entityId);
        var changed = wanted.Where(w => current is null || current.IsDeleted || current.Payload.GetValueOrDefault(w.Key) != w.Value).ToList();
        if (changed.Count > 0)
        {
            _vault.Put("note", entityId, changed);
        }

        _vault.Files.SetFileMap(new FileMapEntry(path, entityId, hash, PayloadHash(_vault.Get("note", entityId)!)), oldPath);
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

    private static string PayloadHash(VaultEntity note) =>
        Hash(string.Join("\n", NoteFields.Select(f => note.Payload.GetValueOrDefault(f) ?? "")));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
