using System.ComponentModel;
using Realign.Cli.Assist;
using Realign.Vault.Assist;
using Realign.Vault.Sync;
using Realign.Vault.Watch;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign watch FOLDER</c>: follow a folder of Markdown notes and sync continuously (Ctrl+C stops).</summary>
internal sealed class WatchCommand : AsyncCommand<WatchCommand.Settings>
{
    /// <summary>The exit code of <c>--once</c> when the folder was missing or without its marker (nothing was deleted).</summary>
    public const int ExitHeld = 4;

    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<FOLDER>")]
        public string Folder { get; set; } = "";

        [CommandOption("--interval <SECONDS>")]
        [Description("Rescan and sync at least this often (default 10); file changes and the server's changes start a sync at once.")]
        public int Interval { get; set; } = 10;

        [CommandOption("--once")]
        [Description("Rescan, sync and write back once, then exit.")]
        public bool Once { get; set; }

        [CommandOption("--offline")]
        [Description("Follow the folder without syncing.")]
        public bool Offline { get; set; }

        [CommandOption("--assist")]
        [Description("Run the assistant on notes you create or change: its outputs are suggestions (see 'realign suggestions').")]
        public bool Assist { get; set; }

        [CommandOption("--assist-jobs <JOBS>")]
        [Description("The jobs of --assist, comma-separated (default: summarise,tags,tasks).")]
        public string AssistJobs { get; set; } = "summarise,tags,tasks";

        [CommandOption("--provider <NAME>")]
        [Description("The provider of --assist (default: the vault's default, else the built-in assistant).")]
        public string? Provider { get; set; }

        [CommandOption("--no-automations")]
        [Description("Do not run this local-first vault's automations.")]
        public bool NoAutomations { get; set; }

        [CommandOption("--move")]
        [Description("Follow FOLDER although the vault follows another folder (or re-adopt the followed folder after its marker was lost). The first rescan deletes nothing.")]
        public bool Move { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var jobs = settings.Assist ? settings.AssistJobs.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Realign.Assist.Jobs.AssistJobs.Parse).ToList() : [];
        if (jobs.Contains(Realign.Assist.Jobs.AssistJob.Ask))
        {
            throw new Realign.Vault.VaultException("--assist-jobs: an ask needs a person's question; use summarise, tags, tasks or draft");
        }

        using var vault = VaultSession.Open(settings);
        using var assistant = settings.Assist ? await AssistSession.CreateAsync(vault, settings.Provider, cancellationToken) : null;
        var follower = settings.Assist ? new AssistFollower(vault) : null;
        follower?.Start();
        var automations = vault.Settings.IsLocalFirst && !settings.NoAutomations ? AutomationSession.For(vault) : null;
        using var transport = settings.Offline ? null : VaultSession.Transport(vault);
        var client = transport is null ? null : VaultSession.Client(vault, transport);
        using var watcher = new FolderWatcher(vault, settings.Folder, move: settings.Move);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        watcher.Start();
        AnsiConsole.MarkupLine($"[green]watching[/] {Markup.Escape(watcher.Folder)} (Ctrl+C to stop)");
        var exit = 0;
        string? lastHeld = null;
        while (!stop.IsCancellationRequested)
        {
            var scan = watcher.Rescan(Console.IsErrorRedirected ? null : new ScanProgress());
            if (scan.Held is { } held)
            {
                if (held != lastHeld)
                {
                    await Console.Error.WriteLineAsync($"warning: {held}");
                }

                exit = ExitHeld;
            }
            else if (!scan.IsEmpty)
            {
                AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] files: {scan.Created} new, {scan.Edited} edited, {scan.Renamed} renamed, {scan.Deleted} deleted");
            }

            lastHeld = scan.Held;

            if (assistant is not null && follower is not null)
            {
                await AssistRoundAsync(follower, assistant, jobs, stop.Token);
            }

            if (automations is not null && vault.List(Realign.Assist.Automations.AutomationRule.EntityType).Count > 0)
            {
                var pass = await automations.RunPassAsync(cancellationToken: stop.Token);
                if (pass.Runs.Count > 0 || pass.Suppressed > 0)
                {
                    AutomationRunCommand.Print(pass.Runs, pass.Suppressed);
                }

                foreach (var run in pass.Runs.Where(r => !r.Succeeded))
                {
                    await Console.Error.WriteLineAsync($"warning: automation '{run.RuleId}'{(run.EntityId is null ? "" : $" on {run.EntityType}/{run.EntityId}")}: {run.Outcome}");
                }
            }

            if (client is not null)
            {
                try
                {
                    var summary = await client.SyncAsync(null, stop.Token);
                    if (summary.Pushed + summary.Changed + summary.SetAside > 0)
                    {
                        SyncCommand.Print(summary, vault.SetAside().Count);
                    }

                    if (summary.SetAside > 0 && exit == 0)
                    {
                        exit = SyncCommand.ExitSetAside;
                    }
                }
                catch (SyncTransportException ex) when (!settings.Once)
                {
                    AnsiConsole.MarkupLine($"[yellow]sync failed, will retry:[/] {Markup.Escape(ex.Message)}");
                }
            }

            var written = watcher.WriteBack();
            if (written > 0)
            {
                AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] {written} file(s) updated from the vault");
            }

            if (settings.Once)
            {
                return exit;
            }

            try
            {
                await WaitForWorkAsync(watcher, client, TimeSpan.FromSeconds(Math.Max(1, settings.Interval)), stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return 0;
    }

    /// <summary>Runs the assistant on the notes a person changed since the last round, and says what it suggested.</summary>
    private static async Task AssistRoundAsync(AssistFollower follower, Realign.Assist.Jobs.Assistant assistant, IReadOnlyList<Realign.Assist.Jobs.AssistJob> jobs, CancellationToken stop)
    {
        var results = await follower.RunAsync(assistant, jobs, stop);
        var outputs = results.Sum(r => r.Result.Outputs.Count);
        if (outputs > 0)
        {
            AnsiConsole.MarkupLine($"[grey]{DateTime.Now:HH:mm:ss}[/] assistant ({Markup.Escape(assistant.Provider.Origin.Value)}): {outputs} suggestion(s) for {results.Select(r => r.EntityId).Distinct().Count()} note(s); see 'realign suggestions'");
        }

        foreach (var (id, result) in results.Where(r => !r.Result.Succeeded))
        {
            await Console.Error.WriteLineAsync($"warning: {Realign.Assist.Jobs.AssistJobs.ToName(result.Job)} note/{id} with {result.Usage.Provider}: {result.Usage.Outcome}: {result.Usage.Error}");
        }
    }

    /// <summary>Waits for a file change, a change on the server (a long poll from the vault's checkpoint: another device's
    /// push is heard as soon as it commits), or <paramref name="interval"/>, whichever comes first.</summary>
    private static async Task WaitForWorkAsync(FolderWatcher watcher, SyncClient? client, TimeSpan interval, CancellationToken stop)
    {
        using var round = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var local = watcher.WaitForChangesAsync(interval, round.Token);
        var remote = client is null ? local : client.WaitForRemoteChangeAsync(interval, round.Token);
        if (await Task.WhenAny(local, remote) == remote && remote.IsFaulted)
        {
            // The server is unreachable: wait for files or the interval only (the next sync reports the failure).
            await Task.WhenAny(local);
        }

        await round.CancelAsync();
        foreach (var task in new[] { local, remote })
        {
            try
            {
                await task;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SyncTransportException or HttpRequestException)
            {
                // Ended by the round's cancellation, or the server being away; either way the loop goes on.
            }
        }

        stop.ThrowIfCancellationRequested();
    }

    /// <summary>Shows a long rescan's progress on the terminal (stderr), one line rewritten in place, gone when done.</summary>
    private sealed class ScanProgress : IProgress<(int Done, int Total)>
    {
        private bool _shown;

        public void Report((int Done, int Total) value)
        {
            if (value.Done < value.Total)
            {
                Console.Error.Write($"\rreading files: {value.Done:N0} of {value.Total:N0}");
                _shown = true;
            }
            else if (_shown)
            {
                Console.Error.Write("\r\u001b[2K");
            }
        }
    }
}
