using Realign.Core.Contract;

namespace Realign.Benchmarks;

/// <summary>One run of the vault bench at one size and mode (or the median of the runs): what each timed CLI process cost.</summary>
/// <param name="Mode">The tenant's mode; local-first vaults encrypt every note before it leaves the device.</param>
/// <param name="Notes">Markdown files in the folder, and so notes synced up and down.</param>
/// <param name="Import"><c>realign watch FOLDER --once --offline</c> in the first vault: every file read into it.</param>
/// <param name="SyncUp"><c>realign sync</c> in the first vault: every note pushed.</param>
/// <param name="SyncDown"><c>realign sync</c> in a fresh second vault of the same tenant: every note pulled.</param>
/// <param name="NothingToDo"><c>realign sync</c> again in the second vault, with nothing to push or pull.</param>
/// <param name="OneChange"><c>realign sync</c> in the first vault after <c>realign note add</c>: one note pushed.</param>
/// <param name="ProcessStart"><c>realign status</c> in the first vault: the cost of starting the CLI and opening a vault.</param>
/// <param name="ServerPeakRssMb">The server's peak resident memory at the end of the run, in MB.</param>
public sealed record VaultCliFigures(
    VaultMode Mode,
    int Notes,
    CliStepCost Import,
    CliStepCost SyncUp,
    CliStepCost SyncDown,
    CliStepCost NothingToDo,
    CliStepCost OneChange,
    CliStepCost ProcessStart,
    double ServerPeakRssMb)
{
    /// <summary>Files imported per second of wall time.</summary>
    public double ImportPerSecond => PerSecond(Import);

    /// <summary>Notes pushed per second of wall time.</summary>
    public double SyncUpPerSecond => PerSecond(SyncUp);

    /// <summary>Notes pulled into the fresh vault per second of wall time.</summary>
    public double SyncDownPerSecond => PerSecond(SyncDown);

    /// <summary>The six timed steps with their names as the report prints them.</summary>
    public IReadOnlyList<(string Name, CliStepCost Cost)> Steps =>
    [
        ("import", Import), ("sync_up", SyncUp), ("sync_down", SyncDown), ("nothing_to_do", NothingToDo), ("one_change", OneChange), ("process_start", ProcessStart),
    ];

    /// <summary>Wall microseconds per note of a step that handles every note.</summary>
    public double MicrosPerNote(CliStepCost cost) => cost.WallMs * 1000 / Notes;

    /// <summary>The median of each figure over runs of the same mode and size.</summary>
    public static VaultCliFigures Median(IReadOnlyList<VaultCliFigures> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0 || runs.Any(r => r.Mode != runs[0].Mode || r.Notes != runs[0].Notes))
        {
            throw new ArgumentException("the median is over one or more runs of one mode and size", nameof(runs));
        }

        CliStepCost Of(Func<VaultCliFigures, CliStepCost> step) => CliStepCost.Median(runs.Select(step).ToList());
        return new VaultCliFigures(runs[0].Mode, runs[0].Notes, Of(r => r.Import), Of(r => r.SyncUp), Of(r => r.SyncDown), Of(r => r.NothingToDo), Of(r => r.OneChange), Of(r => r.ProcessStart),
            CliStepCost.Median(runs.Select(r => r.ServerPeakRssMb)));
    }

    private double PerSecond(CliStepCost cost) => Notes / (cost.WallMs / 1000);
}
