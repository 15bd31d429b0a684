namespace Realign.Benchmarks;

/// <summary>End to end on one backend: a vault with <see cref="Notes"/> notes syncs up, a fresh vault syncs down.</summary>
public sealed record VaultRow(string Backend, int Notes, double UpSeconds, double DownSeconds);
