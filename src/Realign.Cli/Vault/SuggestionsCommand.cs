using Realign.Core.Merge;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign suggestions [--json]</c>: pending proposals with their origin and level.</summary>
internal sealed class SuggestionsCommand : Command<VaultListSettings>
{
    public override int Execute(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var list = vault.Suggestions();
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var s in list)
                {
                    var deletion = s.Field == EntityState.DeletedField;
                    w.WriteStartObject();
                    w.WriteString("id", s.Id);
                    w.WriteString("kind", !deletion ? "change" : s.ProposedJson == "true" ? "delete" : "restore");
                    w.WriteString("entity_type", s.EntityType);
                    w.WriteString("entity_id", s.EntityId);
                    w.NullableString("field", deletion ? null : s.Field);
                    w.Raw("current", deletion ? null : s.CurrentJson);
                    w.Raw("proposed", deletion ? null : s.ProposedJson);
                    w.WriteNumber("level", (int)s.Level);
                    w.WriteString("origin", s.Source);
                    w.Time("at", s.AtMicros);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        if (list.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]no pending suggestions[/]");
            return 0;
        }

        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("entity", "field", "current", "proposed", "level", "from", "at");
        foreach (var s in list)
        {
            var (field, current, proposed) = s.Field == EntityState.DeletedField
                ? ("(whole entity)", "", s.ProposedJson == "true" ? "[red]delete it[/]" : "[yellow]restore it[/]")
                : (Markup.Escape(s.Field), Show.Value(s.CurrentJson, 40), "[yellow]" + Show.Value(s.ProposedJson, 40) + "[/]");
            table.AddRow(Markup.Escape(s.Id), Markup.Escape($"{s.EntityType}/{s.EntityId}"), field, current, proposed, Show.Level(s.Level), Markup.Escape(s.Source), Show.Time(s.AtMicros));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
