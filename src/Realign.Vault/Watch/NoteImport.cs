namespace Realign.Vault.Watch;

/// <summary>One file the watcher imports: the note it holds (<see cref="Fields"/>, compact JSON), the file it came from
/// (and the path it had, for a rename) and the hashes the file map records for it.</summary>
internal sealed record NoteImport(string EntityId, string Path, string? OldPath, string FileHash, IReadOnlyList<KeyValuePair<string, string>> Fields, string PayloadHash);
