using Realign.Vault.Sync;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign sync</c>: push the outbox, pull changes, with a progress bar.</summary>
internal sealed class SyncCommand : AsyncCommand<SyncCommand.Settings>
{
    public sealed class Settings : VaultCommandSettings
    {
        [CommandOption("--verify")]
        [System.ComponentModel.Description("Compare the vault's checksum with the server's now (by default at most once an hour), and rebuild from the server on a mismatch.")]
        public bool Verify { get; set; }
    }

    /// <summary>The exit code when some changes were refused by the server and set aside.</summary>
    public const int ExitSetAside = 3;

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        using var transport = VaultSession.Transport(vault);
        var client = VaultSession.Client(vault, transport, settings.Verify ? new SyncOptions { ChecksumInterval = TimeSpan.Zero } : null);
        SyncSummary summary;
        if (Console.IsErrorRedirected)
        {
            summary = await client.SyncAsync(null, cancellationToken);
        }
        else
        {
            // Progress goes to the terminal on stderr, so stdout carries only the result (and a failure only its error line).
            SyncSummary? done = null;
            var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await progressConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var push = ctx.AddTask("push");
                    var pull = ctx.AddTask("pull");
                    done = await client.SyncAsync(new Progress(push, pull), cancellationToken);
                    push.Value = push.MaxValue;
                    pull.Value = pull.MaxValue;
                });
            summary = done!;
        }

        Print(summary, vault.SetAside().Count);
        return summary.SetAside > 0 ? ExitSetAside : 0;
    }

    internal static void Print(SyncSummary s, int setAsideTotal)
    {
        AnsiConsole.MarkupLine($"[green]synced[/]: pushed {s.Pushed}, pulled {s.Pulled} ({s.Changed} changed), cursor {s.Cursor}" + (s.Resynced ? ", [yellow]full resync[/]" : "")
            + (s.ChecksumMatched switch { true => ", checksum matched", false => ", [red]checksum differs after a rebuild[/]", null => "" }));
        if (s.Conflicts > 0 || s.OpenConflicts > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]{Math.Max(s.OpenConflicts, s.Conflicts)} open conflict(s)[/]: see 'realign conflicts'");
        }

        if (s.Proposals > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]{s.Proposals} item(s) became suggestions[/]");
        }

        if (s.SetAside > 0)
        {
            AnsiConsole.MarkupLine($"[red]{s.SetAside} change(s) refused by the server and set aside[/] ({setAsideTotal} in total): see 'realign status'");
        }
    }

    private sealed class Progress(ProgressTask push, ProgressTask pull) : IProgress<SyncProgress>
    {
        public void Report(SyncProgress value)
        {
            var task = value.Phase == "push" ? push : pull;
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
