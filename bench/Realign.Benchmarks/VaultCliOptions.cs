using Realign.Core.Contract;

namespace Realign.Benchmarks;

/// <summary>What <see cref="VaultCliBench"/> measures: the sizes, the tenant modes, the repeats, where the report goes and which CLI runs.</summary>
public sealed record VaultCliOptions
{
    /// <summary>Notes per run (each size and run is a fresh server, folder and pair of vaults).</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [10_000, 100_000];

    /// <summary>The tenant modes to measure, in this order.</summary>
    public IReadOnlyList<VaultMode> Modes { get; init; } = [VaultMode.CloudFirst, VaultMode.LocalFirst];

    /// <summary>Runs of each size and mode; each figure reported is the median of the runs.</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Folder of <c>vault.md</c>, <c>vault.json</c> and the working folders; null makes a new temporary folder.</summary>
    public string? OutDir { get; init; }

    /// <summary>Keep each run's working folder (server data, notes, vaults) instead of deleting it.</summary>
    public bool Keep { get; init; }

    /// <summary>The <c>realign</c> executable (apphost or dll) every step runs.</summary>
    public required string Executable { get; init; }

    /// <summary>The command line that asked for this run, written into the report as given.</summary>
    public string CommandLine { get; init; } = "";

    /// <summary>How long any one step may run before it is killed and the bench fails.</summary>
    public TimeSpan StepTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Modes from <c>cloud_first</c>, <c>local_first</c> or <c>both</c>; null when the text is none of those.</summary>
    public static IReadOnlyList<VaultMode>? ParseModes(string text) => text switch
    {
        "both" => [VaultMode.CloudFirst, VaultMode.LocalFirst],
        _ => VaultModes.TryParse(text, out var mode) ? [mode] : null,
    };
}
