using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign reject ID</c> for a suggestion, <c>realign reject ENTITY</c> to discard a suggested entity.</summary>
internal sealed class RejectCommand : Command<RejectCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("A suggestion's id (p_...), or a suggested entity (type/id, or the id of a note or task) to discard.")]
        public string Id { get; set; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        if (VaultSession.IsProposalId(settings.Id))
        {
            vault.Reject(settings.Id);
            AnsiConsole.MarkupLine($"[green]rejected[/] {Markup.Escape(settings.Id)}");
            return 0;
        }

        var entity = VaultSession.FindEntity(vault, settings.Id);
        vault.Discard(entity.EntityType, entity.EntityId);
        AnsiConsole.MarkupLine($"[green]discarded[/] {Markup.Escape(entity.EntityType)}/{Markup.Escape(entity.EntityId)} (deleted as your decision)");
        return 0;
    }
}
