using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign log ENTITY</c>: provenance of an entity (<c>type/id</c>, or an id of a note or task).</summary>
internal sealed class LogCommand : Command<LogCommand.Settings>
{
    internal sealed class Settings : VaultListSettings
    {
        [CommandArgument(0, "<ENTITY>")]
        public string Entity { get; set; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var entity = VaultSession.FindEntity(vault, settings.Entity);

        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("type", entity.EntityType);
                w.WriteString("id", entity.EntityId);
                w.WriteNumber("version", entity.ServerVersion);
                w.WriteNumber("level", (int)entity.State.TruthLevel);
                w.WriteBoolean("accepted_by_user", entity.State.AcceptedByUser);
                w.WriteBoolean("deleted", entity.IsDeleted);
                w.WriteStartArray("origin_chain");
                foreach (var step in entity.State.OriginChain)
                {
                    w.WriteStartObject();
                    w.WriteNumber("level", (int)step.Level);
                    w.WriteString("source", step.Source);
                    w.Time("at", step.AtMicros);
                    w.WriteNumber("count", step.Count);
                    w.NullableString("ref", step.Ref);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
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
