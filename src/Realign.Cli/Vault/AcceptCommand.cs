using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign accept ID [--edit VALUE]</c>.</summary>
internal sealed class AcceptCommand : Command<AcceptCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; set; } = "";

        [CommandOption("--edit <VALUE>")]
        [Description("Accept this value instead (JSON, or plain text).")]
        public string? Edit { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        vault.Accept(settings.Id, settings.Edit);
        AnsiConsole.MarkupLine($"[green]accepted[/] {Markup.Escape(settings.Id)}{(settings.Edit is null ? "" : " with your edit")}; it syncs as your value");
        return 0;
    }
}
