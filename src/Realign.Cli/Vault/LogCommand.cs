using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign log ENTITY</c>: provenance of an entity (<c>type/id</c>, or an id of a note or task).</summary>
internal sealed class LogCommand : Command<LogCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<ENTITY>")]
        public string Entity { get; set; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var slash = settings.Entity.IndexOf('/', StringComparison.Ordinal);
        var entity = slash > 0
            ? vault.Get(settings.Entity[..slash], settings.Entity[(slash + 1)..])
            : vault.Get("note", settings.Entity) ?? vault.Get("task", settings.Entity);
        if (entity is null)
        {
            throw new VaultException($"no entity '{settings.Entity}' (use type/id)");
        }

        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(entity.EntityType)}/{Markup.Escape(entity.EntityId)}[/] v{entity.ServerVersion}, level {Show.Level(entity.State.TruthLevel)}{(entity.State.AcceptedByUser ? ", [green]accepted by user[/]" : "")}");
        var table = new Table().AddColumn(new TableColumn("#").NoWrap()).AddColumns("level", "source", "at", "count", "ref");
        var i = 0;
        foreach (var step in entity.State.OriginChain)
        {
            table.AddRow((++i).ToString(System.Globalization.CultureInfo.InvariantCulture), Show.Level(step.Level), Markup.Escape(step.Source), Show.Time(step.AtMicros), step.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(step.Ref ?? ""));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
