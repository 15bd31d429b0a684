using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign note list</c>.</summary>
internal sealed class NoteListCommand : Command<VaultCommandSettings>
{
    public override int Execute(CommandContext context, VaultCommandSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("title", "tags", "level", "suggestions");
        var pending = vault.Suggestions().GroupBy(s => s.EntityId).ToDictionary(g => g.Key, g => g.Count());
        foreach (var note in vault.List("note"))
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
