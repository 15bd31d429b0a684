using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign reject ID</c>.</summary>
internal sealed class RejectCommand : Command<RejectCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; set; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        vault.Reject(settings.Id);
        AnsiConsole.MarkupLine($"[green]rejected[/] {Markup.Escape(settings.Id)}");
        return 0;
    }
}
