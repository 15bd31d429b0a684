using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign status</c>: outbox size, cursor, last sync, server, mode, set-aside changes.</summary>
internal sealed class StatusCommand : Command<VaultCommandSettings>
{
    public override int Execute(CommandContext context, VaultCommandSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var s = vault.Status();
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
