namespace Realign.Vault.Watch;

/// <summary>One Markdown file mapped to a note: the hashes of the file and of the note payload when they last matched.</summary>
internal sealed record FileMapEntry(string Path, string EntityId, string FileHash, string PayloadHash);
