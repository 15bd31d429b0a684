using Realign.Core.Contract;
using Realign.Core.Truth;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign conflicts [--json]</c>: open conflicts as of the last sync, both values side by side.</summary>
internal sealed class ConflictsCommand : Command<VaultListSettings>
{
    public override int Execute(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var list = vault.Conflicts();
        bool Mine(RegisterDto r) => UtcMicros.TryParse(r.At, out var at) && vault.IsMine(at);
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                void Side(string name, RegisterDto? r)
                {
                    if (r is null)
                    {
                        w.WriteNull(name);
                        return;
                    }

                    w.WriteStartObject(name);
                    w.Raw("value", r.Value is { } v ? JsonValues.ToCompact(v) : null);
                    w.WriteNumber("level", r.Level);
                    w.NullableString("origin", r.Source);
                    w.NullableString("at", r.At);
                    w.WriteBoolean("mine", Mine(r));
                    w.WriteEndObject();
                }

                w.WriteStartArray();
                foreach (var c in list)
                {
                    w.WriteStartObject();
                    w.NullableString("id", c.ConflictId);
                    w.NullableString("entity_type", c.EntityType);
                    w.NullableString("entity_id", c.EntityId);
                    w.NullableString("field", c.Field);
                    Side("winner", c.Winner);
                    Side("loser", c.Loser);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        if (list.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]no open conflicts[/] (as of the last sync)");
            return 0;
        }

        var table = new Table().AddColumn(new TableColumn("id").NoWrap()).AddColumns("entity", "field", "visible (winner)", "other (loser)");
        foreach (var c in list)
        {
            string Side(RegisterDto? r)
            {
                if (r is null)
                {
                    return "";
                }

                var mine = Mine(r) ? " [green](mine)[/]" : "";
                return $"{Show.Value(r.Value is { } v ? JsonValues.ToCompact(v) : null, 40)}\n[grey]{Markup.Escape(r.Source ?? "")} {Markup.Escape(r.At ?? "")}[/]{mine}";
            }

            table.AddRow(Markup.Escape(c.ConflictId ?? ""), Markup.Escape($"{c.EntityType}/{c.EntityId}"), Markup.Escape(c.Field ?? ""), Side(c.Winner), Side(c.Loser));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
