using Realign.Core.Merge;
using Realign.Core.Rules;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign suggestions [--json]</c>: pending proposals, and new entities written below level 1, with their origin and level.</summary>
internal sealed class SuggestionsCommand : Command<VaultListSettings>
{
    public override int Execute(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var list = vault.Suggestions();
        var entities = vault.SuggestedEntities();
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

                foreach (var e in entities)
                {
                    var by = Resolutions.SuggestedBy(e.State);
                    w.WriteStartObject();
                    w.WriteString("id", $"{e.EntityType}/{e.EntityId}");
                    w.WriteString("kind", "entity");
                    w.WriteString("entity_type", e.EntityType);
                    w.WriteString("entity_id", e.EntityId);
                    w.WriteNull("field");
                    w.WriteNull("current");
                    w.WritePropertyName("proposed");
                    w.WriteStartObject();
                    foreach (var (name, value) in e.Payload.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        w.Raw(name, value);
                    }

                    w.WriteEndObject();
                    w.WriteNumber("level", (int)e.State.TruthLevel);
                    w.WriteString("origin", by);
                    w.Time("at", e.State.LastModifiedAtMicros);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        if (list.Count == 0 && entities.Count == 0)
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

        foreach (var e in entities)
        {
            var title = e.Text("title") ?? e.Text("text") ?? "";
            table.AddRow(Markup.Escape($"{e.EntityType}/{e.EntityId}"), Markup.Escape($"{e.EntityType}/{e.EntityId}"), "(new entity)", "", "[yellow]" + Markup.Escape(Show.Value(Show.JsonString(title), 40)) + "[/]", Show.Level(e.State.TruthLevel), Markup.Escape(Resolutions.SuggestedBy(e.State)), Show.Time(e.State.LastModifiedAtMicros));
        }

        AnsiConsole.Write(table);
        if (entities.Count > 0)
        {
            AnsiConsole.MarkupLine("[grey]promote a new entity with 'realign accept TYPE/ID' (--set FIELD=VALUE to edit), discard it with 'realign reject TYPE/ID'[/]");
        }

        return 0;
    }
}
