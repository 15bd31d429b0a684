namespace Realign.Benchmarks;

/// <summary>What <see cref="DevicesBench"/> runs: how many vaults, of how many tenants, doing what.</summary>
public sealed record DevicesOptions
{
    /// <summary>Vaults syncing at once (spread over the tenants in turn).</summary>
    public int Vaults { get; init; } = 50;

    /// <summary>Tenants the vaults belong to: each tenant's vaults see each other's notes.</summary>
    public int Tenants { get; init; } = 10;

    /// <summary>Rounds per vault: write the notes, then sync.</summary>
    public int Rounds { get; init; } = 10;

    /// <summary>Notes each vault writes per round (created in the untimed warm-up round, edited in every timed round).</summary>
    public int NotesPerRound { get; init; } = 50;

    /// <summary>Zero: each vault runs its rounds back to back (the most the server and this machine take). Otherwise a round
    /// starts every interval per vault, the vaults' starts spread over the first interval: devices syncing at a steady rate,
    /// where latency is not queueing behind this process's own 50 vaults.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.Zero;

    /// <summary>A PostgreSQL connection string (a role that may create databases) to measure one and two servers on it as well.</summary>
    public string? Postgres { get; init; }

    /// <summary>The <c>realign</c> executable (apphost or dll).</summary>
    public string? ServerExecutable { get; init; } = BenchOptions.FindRealign();

    /// <summary>Folder for <c>devices.json</c> and <c>devices.md</c>; null writes nothing.</summary>
    public string? OutDir { get; init; }
}
