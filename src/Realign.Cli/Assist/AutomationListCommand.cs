using Realign.Assist.Automations;
using Realign.Cli.Vault;
using Realign.Vault.Assist;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign automation list [--json]</c>: every rule with its trigger, actions and last run.</summary>
internal sealed class AutomationListCommand : Command<VaultListSettings>
{
    public override int Execute(CommandContext context, VaultListSettings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var rules = vault.List(AutomationRule.EntityType);
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var entity in rules)
                {
                    var rule = AutomationRule.TryParse(VaultAssistReplica.Source(entity), out var error);
                    w.WriteStartObject();
                    w.WriteString("id", entity.EntityId);
                    w.WriteString("name", entity.Text("name") ?? entity.EntityId);
                    w.WriteBoolean("enabled", rule?.Enabled ?? false);
                    w.WriteBoolean("yours", VaultAssistReplica.IsPersonWritten(entity));
                    w.NullableString("error", error);
                    w.Raw("trigger", entity.Payload.GetValueOrDefault("trigger"));
                    w.Raw("actions", entity.Payload.GetValueOrDefault("actions"));
                    w.NullableString("last_run_at", entity.Text("last_run_at"));
                    w.NullableString("last_outcome", entity.Text("last_outcome"));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }

        if (rules.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]no automations; add one with 'realign automation add'[/]");
            return 0;
        }

        var table = new Table().AddColumns("id", "name", "when", "does", "enabled", "last run", "outcome");
        foreach (var entity in rules)
        {
            var rule = AutomationRule.TryParse(VaultAssistReplica.Source(entity), out var error);
            table.AddRow(
                Markup.Escape(entity.EntityId),
                Markup.Escape(entity.Text("name") ?? ""),
                rule is null ? "[red]invalid[/]" : Markup.Escape(Describe(rule.Trigger)),
                rule is null ? Markup.Escape(error!) : Markup.Escape(string.Join(", ", rule.Actions.Select(a => AutomationRule.ActionName(a.Kind)))),
                !VaultAssistReplica.IsPersonWritten(entity) ? "[yellow]no: not written by you, never runs until you accept it[/]" : rule?.Enabled == true ? "yes" : "no",
                Markup.Escape(entity.Text("last_run_at") ?? "never"),
                Markup.Escape(entity.Text("last_outcome") ?? ""));
        }

        AnsiConsole.Write(table);
        return 0;
    }

    internal static string Describe(RuleTrigger t) => t.Kind switch
    {
        TriggerKind.Schedule => $"cron {t.Cron}" + (t.TimeZone == TimeZoneInfo.Utc ? " UTC" : " " + t.TimeZone.Id),
        _ => $"{t.Kind.ToString().ToLowerInvariant()} {t.EntityType ?? "any"}" + (t.Tag is { } tag ? $" tagged {tag}" : "") + (t.Field is { } f ? $" where {f} = {t.EqualsJson}" : ""),
    };
}
