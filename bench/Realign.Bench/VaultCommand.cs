using System.ComponentModel;
using System.Runtime.InteropServices;
using Realign.Benchmarks;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Bench;

/// <summary><c>vault</c>: what a person waits for with a vault, through the real <c>realign</c> processes (see <see cref="VaultCliBench"/>).</summary>
internal sealed class VaultCommand : AsyncCommand<VaultCommand.Settings>
{
    /// <summary>How the report names the command that produced it.</summary>
    public const string Invocation = "dotnet run -c Release --project bench/Realign.Bench --";

    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--sizes <LIST>")]
        [Description("Markdown notes per run, comma separated, k and M allowed (default 10k,100k)")]
        public string Sizes { get; init; } = "10k,100k";

        [CommandOption("--mode <MODE>")]
        [Description("cloud_first, local_first or both (default both: the report then says what encryption costs)")]
        public string Mode { get; init; } = "both";

        [CommandOption("--repeat <N>")]
        [Description("Runs of each size and mode; the median is reported (default 1)")]
        public int Repeat { get; init; } = 1;

        [CommandOption("--out <DIR>")]
        [Description("Folder of vault.md, vault.json and the working folders (default: a new temporary folder)")]
        public string? Out { get; init; }

        [CommandOption("--keep")]
        [Description("Keep each run's working folder (server data, notes, vaults)")]
        public bool Keep { get; init; }

        public override ValidationResult Validate() =>
            BenchOptions.ParseSizes(Sizes) is null ? ValidationResult.Error("--sizes takes numbers like 10000,100k,1M")
            : VaultCliOptions.ParseModes(Mode) is null ? ValidationResult.Error("--mode must be cloud_first, local_first or both")
            : Repeat < 1 ? ValidationResult.Error("--repeat must be at least 1")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var executable = BenchOptions.FindRealign();
        if (executable is null)
        {
            await Console.Error.WriteLineAsync($"no realign executable next to the bench in {AppContext.BaseDirectory}; build bench/Realign.Bench (it references src/Realign.Cli)");
            return 1;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Ctrl+C or a kill ends the run through its finally blocks, so no server or CLI child is left behind.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        var options = new VaultCliOptions
        {
            Sizes = BenchOptions.ParseSizes(settings.Sizes)!,
            Modes = VaultCliOptions.ParseModes(settings.Mode)!,
            Repeat = settings.Repeat,
            OutDir = settings.Out,
            Keep = settings.Keep,
            Executable = executable,
            CommandLine = Invocation + " " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Select(Quote)),
        };
        try
        {
            await VaultCliBench.RunAsync(options, Console.Out, stop.Token);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("vault bench stopped; its server and CLI processes were ended");
            return 130;
        }

        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = true;
            stop.Cancel();
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ',' or '/' or '=' or ':') ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
