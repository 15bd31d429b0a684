using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign suggestions</c>: pending proposals with their origin and level.</summary>
internal sealed class SuggestionsCommand : Command<VaultCommandSettings>
{
    public override int Execute(CommandContext context, VaultCommandSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var list = vault.Suggestions();
        if (list.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]no pending suggestions[/]");
            return 0;
        }

        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("entity", "field", "current", "proposed", "level", "from", "at");
        foreach (var s in list)
        {
            table.AddRow(Markup.Escape(s.Id), Markup.Escape($"{s.EntityType}/{s.EntityId}"), Markup.Escape(s.Field), Show.Value(s.CurrentJson, 40), "[yellow]" + Show.Value(s.ProposedJson, 40) + "[/]", Show.Level(s.Level), Markup.Escape(s.Source), Show.Time(s.AtMicros));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
