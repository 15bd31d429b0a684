using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign status</c>: outbox size, cursor, last sync, server, mode, set-aside changes.</summary>
internal sealed class StatusCommand : Command<VaultListSettings>
{
    public override int Execute(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var s = vault.Status();
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("vault", vault.Directory);
                w.NullableString("server", s.ServerUrl);
                w.WriteString("tenant", s.TenantId);
                w.WriteString("channel", "user:" + s.Channel);
                w.WriteString("mode", s.VaultMode);
                w.WriteBoolean("unlocked", s.Unlocked);
                w.WriteNumber("entities", s.EntityCount);
                w.WriteNumber("outbox", s.OutboxCount);
                w.WriteNumber("in_flight", s.InFlightCount);
                w.WriteNumber("cursor", s.Checkpoint);
                w.NullableString("last_sync", s.LastSync);
                w.WriteNumber("open_conflicts", s.OpenConflicts);
                w.NullableString("watched_folder", vault.WatchedFolder);
                w.WriteStartArray("set_aside");
                foreach (var a in vault.SetAside())
                {
                    w.WriteStartObject();
                    w.WriteString("entity_type", a.EntityType);
                    w.WriteString("entity_id", a.EntityId);
                    w.WriteString("code", a.Code);
                    w.NullableString("field", a.Field);
                    w.WriteString("message", a.Message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("vault", Markup.Escape(vault.Directory));
        grid.AddRow("server", Markup.Escape(s.ServerUrl ?? "(none)"));
        grid.AddRow("tenant", Markup.Escape(s.TenantId));
        grid.AddRow("channel", Markup.Escape("user:" + s.Channel));
        grid.AddRow("mode", Markup.Escape(s.VaultMode) + (vault.Settings.IsLocalFirst ? (s.Unlocked ? " [green](unlocked)[/]" : " [red](locked)[/]") : ""));
        grid.AddRow("entities", s.EntityCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        grid.AddRow("outbox", s.OutboxCount == 0 ? "[green]0[/]" : $"[yellow]{s.OutboxCount}[/] ({s.InFlightCount} in flight)");
        grid.AddRow("cursor", s.Checkpoint.ToString(System.Globalization.CultureInfo.InvariantCulture));
        grid.AddRow("last sync", Markup.Escape(s.LastSync ?? "never"));
        grid.AddRow("open conflicts", s.OpenConflicts == 0 ? "0" : $"[yellow]{s.OpenConflicts}[/]");
        grid.AddRow("set aside", s.SetAsideCount == 0 ? "0" : $"[red]{s.SetAsideCount}[/]");
        grid.AddRow("watched folder", Markup.Escape(vault.WatchedFolder ?? "(none)"));
        AnsiConsole.Write(grid);
        var aside = vault.SetAside();
        if (aside.Count > 0)
        {
            var table = new Table().Title("[red]changes the server refused[/]").AddColumn(new TableColumn("entity").NoWrap()).AddColumns("code", "field", "reason");
            foreach (var a in aside)
            {
                table.AddRow(Markup.Escape($"{a.EntityType}/{a.EntityId}"), Markup.Escape(a.Code), Markup.Escape(a.Field ?? ""), Markup.Escape(a.Message));
            }

            AnsiConsole.Write(table);
        }

        return 0;
    }
}
