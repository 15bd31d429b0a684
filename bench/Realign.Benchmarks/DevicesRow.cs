namespace Realign.Benchmarks;

/// <summary>One run of many devices against one backend with <see cref="Servers"/> servers.</summary>
/// <param name="Backend"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Servers">Servers on the one database; vault i syncs with server i mod this.</param>
/// <param name="Vaults">Vaults syncing at once.</param>
/// <param name="Tenants">Tenants the vaults are spread over.</param>
/// <param name="Rounds">Rounds of write-then-sync per vault.</param>
/// <param name="NotesPerRound">Notes each vault writes per round.</param>
/// <param name="Pushed">Items pushed by all vaults in the timed rounds.</param>
/// <param name="Pulled">Items pulled by all vaults in the timed rounds.</param>
/// <param name="WallSeconds">From the start of all vaults to the end of the last one's last round.</param>
/// <param name="Push">Latency of every push request.</param>
/// <param name="Pull">Latency of every pull request.</param>
/// <param name="Requests">All requests the vaults sent, retries included.</param>
/// <param name="Errors">Failed syncs, requests answered with an error status (retries included), and vaults that did not converge.</param>
/// <param name="Diverged">Vaults that, after the run and two more syncs each, did not hold every note of their tenant at its last edit.</param>
public sealed record DevicesRow(
    string Backend,
    int Servers,
    int Vaults,
    int Tenants,
    int Rounds,
    int NotesPerRound,
    int Pushed,
    int Pulled,
    double WallSeconds,
    LatencySummary Push,
    LatencySummary Pull,
    int Requests,
    int Errors,
    int Diverged)
{
    /// <summary>The pacing of each vault's rounds in milliseconds; 0 for back to back.</summary>
    public double IntervalMs { get; init; }

    /// <summary>CPU seconds the server processes used during the timed rounds.</summary>
    public double ServerCpuSeconds { get; init; }

    /// <summary>CPU seconds this process (all the vaults) used during the timed rounds.</summary>
    public double ClientCpuSeconds { get; init; }

    public double PushPerSecond => Pushed / WallSeconds;

    public double PullPerSecond => Pulled / WallSeconds;

    /// <summary>Syncs (one per vault and round) per second.</summary>
    public double SyncsPerSecond => Vaults * Rounds / WallSeconds;
}
