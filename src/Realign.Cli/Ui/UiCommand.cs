using System.ComponentModel;
using Realign.Cli.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Ui;

/// <summary><c>realign ui [--port N]</c>: the review UI for this vault, on 127.0.0.1, until Ctrl+C.</summary>
internal sealed class UiCommand : AsyncCommand<UiCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandOption("--port <PORT>")]
        [Description("The port on 127.0.0.1 (default: a free one).")]
        public int Port { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Port is < 0 or > 65535)
        {
            throw new Realign.Vault.VaultException("--port must be 0-65535");
        }

        using var vault = VaultSession.Open(settings);
        await using var ui = await VaultUi.StartAsync(vault, settings.Port, cancellationToken: cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        AnsiConsole.MarkupLine($"Review UI for this vault (works offline; your decisions sync as {Markup.Escape(vault.Settings.UserOrigin)}):");
        AnsiConsole.WriteLine($"  {ui.OpenAddress}");
        AnsiConsole.MarkupLine("[grey]The address holds this start's secret: keep it to yourself. Ctrl+C stops.[/]");
        try
        {
            await ui.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
        }

        return 0;
    }
}
