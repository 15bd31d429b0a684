using Realign.Assist.Automations;
using Realign.Cli.Vault;
using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign automation enable ID</c> (and, through <see cref="AutomationDisableCommand"/>, <c>disable ID</c>):
/// the rule's <c>enabled</c>, written as the user.</summary>
internal class AutomationEnableCommand : Command<AutomationShowCommand.Settings>
{
    protected virtual bool Enable => true;

    public override int Execute(CommandContext context, AutomationShowCommand.Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        if (vault.Get(AutomationRule.EntityType, settings.Id) is not { IsDeleted: false })
        {
            throw new VaultException($"no automation '{settings.Id}'; list them with 'realign automation list'");
        }

        vault.Put(AutomationRule.EntityType, settings.Id, [new("enabled", Enable ? "true" : "false")]);
        AnsiConsole.MarkupLine($"[green]{(Enable ? "enabled" : "disabled")}[/] {Markup.Escape(settings.Id)}");
        return 0;
    }
}
