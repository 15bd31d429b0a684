using System.Globalization;

namespace Realign.Benchmarks;

/// <summary>What <see cref="CompareBenchmark"/> measures: the sizes, the backends and where the report goes.</summary>
public sealed record BenchOptions
{
    /// <summary>Items in the database for each run (each size is a fresh database).</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [10_000, 100_000];

    /// <summary>The workloads measured, each at every size: <see cref="BenchWorkload.Real"/> (random UUIDs, a pre-filled
    /// database, parsed heads) first, then the earlier rounds' <see cref="BenchWorkload.Fresh"/> as a second row.</summary>
    public IReadOnlyList<BenchWorkload> Workloads { get; init; } = [BenchWorkload.Real, BenchWorkload.Fresh];

    /// <summary>Items per push batch (and per raw upsert transaction).</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Items per pull page.</summary>
    public int PageSize { get; init; } = 5000;

    /// <summary>A PostgreSQL connection string (a role that may create databases); null measures SQLite only.</summary>
    public string? Postgres { get; init; }

    /// <summary>Notes of the end-to-end vault round trip per backend (0 skips it).</summary>
    public int VaultNotes { get; init; } = 10_000;

    /// <summary>Items pushed and pulled (to a second tenant) before the timed runs, so the server's hot paths are compiled.</summary>
    public int WarmUpItems { get; init; } = 150_000;

    /// <summary>After the warm-up, wait (at most 20 s) until the idle server stops using CPU, so the timed runs meet a fully compiled server.</summary>
    public bool WaitForQuietServer { get; init; } = true;

    /// <summary>Runs of each measurement; the best is reported (the machine is shared).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Folder for <c>compare.json</c> and <c>compare.md</c>; null writes nothing.</summary>
    public string? OutDir { get; init; }

    /// <summary>The <c>realign</c> executable (apphost or dll) to run the server as a child process; null runs it in process.</summary>
    public string? ServerExecutable { get; init; }

    /// <summary>The standard smoke run: 10,000 items, SQLite (plus PostgreSQL when <c>REALIGN_TEST_PG</c> is set).</summary>
    public static BenchOptions Smoke(string? outDir) => new()
    {
        Sizes = [10_000],
        Workloads = [BenchWorkload.Real],
        VaultNotes = 1_000,
        WarmUpItems = 1_000,
        WaitForQuietServer = false,
        Postgres = Environment.GetEnvironmentVariable("REALIGN_TEST_PG") is { Length: > 0 } pg ? pg : null,
        OutDir = outDir,
        ServerExecutable = FindRealign(),
    };

    /// <summary>The <c>realign</c> executable next to the running application (apphost first, then <c>realign.dll</c>), or null.</summary>
    public static string? FindRealign() => ServerUnderTest.FindRealign();

    /// <summary>Sizes like <c>10000,100k,1M</c>; null when the text is not such a list.</summary>
    public static IReadOnlyList<int>? ParseSizes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sizes = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (digits, factor) = part[^1] switch
            {
                'k' or 'K' => (part[..^1], 1_000),
                'm' or 'M' => (part[..^1], 1_000_000),
                _ => (part, 1),
            };
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                return null;
            }

            sizes.Add(n * factor);
        }

        return sizes.Count > 0 ? sizes : null;
    }
}
