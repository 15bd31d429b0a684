using System.ComponentModel;
using Realign.Assist.Jobs;
using Realign.Cli.Vault;
using Realign.Vault;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign assist usage [--limit N] [--json]</c>: the newest usage records first (every device's, once synced).</summary>
internal sealed class AssistUsageCommand : Command<AssistUsageCommand.Settings>
{
    private static readonly string[] Columns = ["at", "job", "source_id", "provider", "level", "exposure", "redactions", "tokens_in", "tokens_out", "latency_ms", "outcome"];

    internal sealed class Settings : VaultListSettings
    {
        [CommandOption("--limit <N>")]
        [Description("How many records, newest first (default 50).")]
        public int Limit { get; set; } = 50;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Limit < 1)
        {
            throw new VaultException("--limit must be at least 1");
        }

        using var vault = VaultSession.Open(settings);
        var records = vault.List(AiUsage.EntityType)
            .OrderByDescending(e => e.Text("at"), StringComparer.Ordinal)
            .ThenBy(e => e.EntityId, StringComparer.Ordinal)
            .Take(settings.Limit)
            .ToList();
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var record in records)
                {
                    w.WriteStartObject();
                    w.WriteString("id", record.EntityId);
                    foreach (var (name, value) in record.Payload.OrderBy(p => p.Key, StringComparer.Ordinal))
                    {
                        w.Raw(name, value);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        if (records.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]no assistant calls yet[/]");
            return 0;
        }

        var table = new Table().AddColumns(Columns);
        foreach (var record in records)
        {
            table.AddRow(Columns.Select(c => Markup.Escape(record.Text(c) ?? (record.Payload.TryGetValue(c, out var v) ? v : ""))).ToArray());
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
