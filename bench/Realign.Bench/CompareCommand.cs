using System.ComponentModel;
using Realign.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Bench;

/// <summary><c>compare</c>: push and pull through the server against the raw database driver, with ratios, scaling and server memory.</summary>
internal sealed class CompareCommand : AsyncCommand<CompareCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--sizes <LIST>")]
        [Description("Items in the database per run, comma separated, k and M allowed (default 10k,100k; 1M takes minutes)")]
        public string Sizes { get; init; } = "10k,100k";

        [CommandOption("--workload <LIST>")]
        [Description("real (random UUID ids, a database pre-filled with as many other entities, heads parsed by the client and by the raw read), fresh (sequential ids, no pre-fill, heads not parsed), or both, comma separated (default real,fresh)")]
        public string Workload { get; init; } = "real,fresh";

        [CommandOption("--postgres <CONN>")]
        [Description("Also measure PostgreSQL; the role must be allowed to create databases (one scratch database per run)")]
        public string? Postgres { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Write compare.json and compare.md into this folder")]
        public string? Out { get; init; }

        [CommandOption("--repeat <N>")]
        [Description("Runs of each measurement; the best is reported (default 1)")]
        public int Repeat { get; init; } = 1;

        [CommandOption("--batch <N>")]
        [Description("Items per push batch (default 500)")]
        public int Batch { get; init; } = 500;

        [CommandOption("--vault-notes <N>")]
        [Description("Notes of the end-to-end vault round trip per backend (default 10000; 0 skips it)")]
        public int VaultNotes { get; init; } = 10_000;

        [CommandOption("--warm-up <N>")]
        [Description("Items pushed and pulled on a second tenant before the timed runs, so the server's hot paths are fully compiled (default 150000)")]
        public int WarmUp { get; init; } = 150_000;

        [CommandOption("--smoke")]
        [Description("10,000 items, SQLite only (PostgreSQL too when REALIGN_TEST_PG is set): checks the benchmark works")]
        public bool Smoke { get; init; }

        [CommandOption("--in-process")]
        [Description("Run the server in this process instead of a child 'realign serve' (peak memory then includes the client)")]
        public bool InProcess { get; init; }

        public override ValidationResult Validate() =>
            BenchOptions.ParseSizes(Sizes) is null ? ValidationResult.Error("--sizes takes numbers like 10000,100k,1M")
            : BenchWorkload.ParseList(Workload) is null ? ValidationResult.Error("--workload takes real, fresh or real,fresh")
            : Repeat < 1 || Batch < 1 || WarmUp < 1 ? ValidationResult.Error("--repeat, --batch and --warm-up must be at least 1")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = settings.Smoke
            ? BenchOptions.Smoke(settings.Out)
            : new BenchOptions { Sizes = BenchOptions.ParseSizes(settings.Sizes)!, Postgres = settings.Postgres, OutDir = settings.Out, Workloads = BenchWorkload.ParseList(settings.Workload)!, Repeat = settings.Repeat, BatchSize = settings.Batch, VaultNotes = settings.VaultNotes, WarmUpItems = settings.WarmUp, ServerExecutable = BenchOptions.FindRealign() };
        if (settings.InProcess)
        {
            options = options with { ServerExecutable = null };
        }

        await CompareBenchmark.RunAsync(options, Console.Out, cancellationToken);
        return 0;
    }
}
