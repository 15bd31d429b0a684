using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign note list [--json]</c>.</summary>
internal sealed class NoteListCommand : Command<VaultListSettings>
{
    public override int Execute(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var pending = vault.Suggestions().GroupBy(s => s.EntityId).ToDictionary(g => g.Key, g => g.Count());
        var notes = vault.List("note");
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var note in notes)
                {
                    w.WriteStartObject();
                    w.WriteString("id", note.EntityId);
                    w.NullableString("title", note.Text("title"));
                    w.Raw("tags", note.Payload.GetValueOrDefault("tags") ?? "[]");
                    w.WriteNumber("level", (int)note.State.TruthLevel);
                    w.WriteNumber("version", note.ServerVersion);
                    w.WriteNumber("suggestions", pending.GetValueOrDefault(note.EntityId));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("title", "tags", "level", "suggestions");
        foreach (var note in notes)
        {
            table.AddRow(
                Markup.Escape(note.EntityId),
                Show.Value(note.Payload.GetValueOrDefault("title")),
                Show.Tags(note),
                Show.Level(note.State.TruthLevel),
                pending.TryGetValue(note.EntityId, out var n) ? $"[yellow]{n}[/]" : "");
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
