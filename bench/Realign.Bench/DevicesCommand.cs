using System.ComponentModel;
using Realign.Benchmarks;
using Spectre.Console.Cli;

namespace Realign.Bench;

/// <summary><c>devices</c>: many vaults syncing against one server (and two servers on one PostgreSQL) at once, with latency percentiles.</summary>
internal sealed class DevicesCommand : AsyncCommand<DevicesCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--vaults <N>")]
        [Description("Vaults syncing at once (default 50)")]
        public int Vaults { get; init; } = 50;

        [CommandOption("--tenants <N>")]
        [Description("Tenants the vaults are spread over; a tenant's vaults pull each other's notes (default 10)")]
        public int Tenants { get; init; } = 10;

        [CommandOption("--rounds <N>")]
        [Description("Rounds per vault, each: write the notes, then sync (default 10)")]
        public int Rounds { get; init; } = 10;

        [CommandOption("--notes <N>")]
        [Description("Notes each vault writes per round: created in an untimed warm-up round, edited in every timed round (default 50)")]
        public int Notes { get; init; } = 50;

        [CommandOption("--interval-ms <MS>")]
        [Description("0: each vault runs its rounds back to back (default). Otherwise each vault starts a round every MS milliseconds, the vaults' starts spread over the first interval")]
        public int IntervalMs { get; init; }

        [CommandOption("--postgres <CONN>")]
        [Description("Also measure PostgreSQL, with one server and with two servers on the same database; the role must be allowed to create databases")]
        public string? Postgres { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Write devices.json and devices.md into this folder")]
        public string? Out { get; init; }

        public override Spectre.Console.ValidationResult Validate() =>
            Vaults < 1 || Tenants < 1 || Rounds < 1 || Notes < 1 ? Spectre.Console.ValidationResult.Error("--vaults, --tenants, --rounds and --notes must be at least 1")
            : IntervalMs < 0 ? Spectre.Console.ValidationResult.Error("--interval-ms must be 0 or more")
            : Tenants > Vaults ? Spectre.Console.ValidationResult.Error("--tenants cannot be more than --vaults")
            : Vaults > 500 ? Spectre.Console.ValidationResult.Error("--vaults is at most 500 (each vault is a SQLite file and a connection in this process)")
            : Spectre.Console.ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new DevicesOptions { Vaults = settings.Vaults, Tenants = settings.Tenants, Rounds = settings.Rounds, NotesPerRound = settings.Notes, Interval = TimeSpan.FromMilliseconds(settings.IntervalMs), Postgres = settings.Postgres, OutDir = settings.Out };
        var report = await DevicesBench.RunAsync(options, Console.Out, cancellationToken);
        return report.Rows.Any(r => r.Errors > 0) ? 1 : 0;
    }
}
