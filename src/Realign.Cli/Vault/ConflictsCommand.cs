using Realign.Core.Truth;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign conflicts</c>: open conflicts as of the last sync, both values side by side.</summary>
internal sealed class ConflictsCommand : Command<VaultCommandSettings>
{
    public override int Execute(CommandContext context, VaultCommandSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var list = vault.Conflicts();
        if (list.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]no open conflicts[/] (as of the last sync)");
            return 0;
        }

        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("entity", "field", "visible (winner)", "other (loser)");
        foreach (var c in list)
        {
            string Side(Realign.Core.Contract.RegisterDto? r)
            {
                if (r is null)
                {
                    return "";
                }

                var mine = UtcMicros.TryParse(r.At, out var at) && vault.IsMine(at) ? " [green](mine)[/]" : "";
                return $"{Show.Value(r.Value is { } v ? Realign.Core.Contract.JsonValues.ToCompact(v) : null, 40)}\n[grey]{Markup.Escape(r.Source ?? "")} {Markup.Escape(r.At ?? "")}[/]{mine}";
            }

            table.AddRow(Markup.Escape(c.ConflictId ?? ""), Markup.Escape($"{c.EntityType}/{c.EntityId}"), Markup.Escape(c.Field ?? ""), Side(c.Winner), Side(c.Loser));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
