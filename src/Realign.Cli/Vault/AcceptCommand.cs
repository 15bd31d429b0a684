using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign accept ID [--edit VALUE]</c> for a suggestion, <c>realign accept ENTITY [--set FIELD=VALUE]...</c>
/// to promote a suggested entity.</summary>
internal sealed class AcceptCommand : Command<AcceptCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<ID>")]
        [Description("A suggestion's id (p_...), or a suggested entity (type/id, or the id of a note or task) to promote.")]
        public string Id { get; set; } = "";

        [CommandOption("--edit <VALUE>")]
        [Description("Accept this value instead (JSON, or plain text).")]
        public string? Edit { get; set; }

        [CommandOption("--set <FIELD=VALUE>")]
        [Description("When promoting an entity: set a field as you promote it (JSON, or plain text); repeat for more.")]
        public string[] Set { get; set; } = [];
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        if (VaultSession.IsProposalId(settings.Id))
        {
            if (settings.Set.Length > 0)
            {
                throw new Realign.Vault.VaultException("--set is for promoting an entity; to change a suggested value use --edit");
            }

            vault.Accept(settings.Id, settings.Edit);
            AnsiConsole.MarkupLine($"[green]accepted[/] {Markup.Escape(settings.Id)}{(settings.Edit is null ? "" : " with your edit")}; it syncs as your value");
            return 0;
        }

        if (settings.Edit is not null)
        {
            throw new Realign.Vault.VaultException("--edit is for a suggestion (p_...); to change a field of a suggested entity use --set FIELD=VALUE");
        }

        var entity = VaultSession.FindEntity(vault, settings.Id);
        var edits = settings.Set.Select(Show.FieldAssignment).ToList();
        vault.Promote(entity.EntityType, entity.EntityId, edits);
        AnsiConsole.MarkupLine($"[green]promoted[/] {Markup.Escape(entity.EntityType)}/{Markup.Escape(entity.EntityId)}{(edits.Count == 0 ? "" : " with your edits")}: every field is now yours (level 1); it syncs as your entity");
        return 0;
    }
}
