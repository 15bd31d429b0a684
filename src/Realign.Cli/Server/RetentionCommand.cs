using Realign.Core.Truth;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin retention [--json]</c>: one retention pass over every tenant now, with the configured
/// <c>Retention</c> horizon (the server runs it by itself every <c>RetentionInterval</c>; this is for an operator who lowered
/// the horizon or wants the space back at once). Safe while servers run: every step removes by condition.</summary>
internal sealed class RetentionCommand : AsyncCommand<RetentionCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandOption("--json")]
        [System.ComponentModel.Description("Print JSON ([{tenant, purged_seq, tombstones, usage_records, proposals, conflicts, events, batches}]) instead of a table.")]
        public bool Json { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var retention = settings.Resolved.Retention;
        if (retention <= TimeSpan.Zero)
        {
            throw new Realign.Vault.VaultException("Retention is 00:00:00, which keeps everything: set Retention (REALIGN_RETENTION, e.g. 90.00:00:00) to remove history");
        }

        await using var store = await settings.OpenAsync(cancellationToken);
        var horizon = UtcMicros.From(DateTimeOffset.UtcNow - retention);
        var runs = await Realign.Server.Retention.RetentionService.PassAsync(store, horizon, null, cancellationToken);

        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var r in runs)
                {
                    w.WriteStartObject();
                    w.WriteString("tenant", r.TenantId);
                    w.WriteNumber("purged_seq", r.PurgedSeq);
                    w.WriteNumber("tombstones", r.Tombstones);
                    w.WriteNumber("usage_records", r.UsageRecords);
                    w.WriteNumber("proposals", r.Proposals);
                    w.WriteNumber("conflicts", r.Conflicts);
                    w.WriteNumber("events", r.Events);
                    w.WriteNumber("batches", r.Batches);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        var table = new Table().AddColumns("tenant", "purge horizon", "tombstones", "usage", "proposals", "conflicts", "events", "batches");
        foreach (var r in runs)
        {
            table.AddRow(Markup.Escape(r.TenantId), N(r.PurgedSeq), N(r.Tombstones), N(r.UsageRecords), N(r.Proposals), N(r.Conflicts), N(r.Events), N(r.Batches));
        }

        AnsiConsole.MarkupLine($"[grey]Removed what is older than {Markup.Escape(retention.ToString("c", System.Globalization.CultureInfo.InvariantCulture))} from {Markup.Escape(settings.Describe())}:[/]");
        AnsiConsole.Write(table);
        return 0;
    }

    private static string N(long value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
}
