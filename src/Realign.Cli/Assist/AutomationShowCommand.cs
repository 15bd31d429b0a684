using Realign.Assist.Automations;
using Realign.Cli.Vault;
using Realign.Vault;
using Realign.Vault.Assist;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign automation show ID [--json]</c>.</summary>
internal sealed class AutomationShowCommand : Command<AutomationShowCommand.Settings>
{
    internal sealed class Settings : VaultListSettings
    {
        [CommandArgument(0, "<ID>")]
        public string Id { get; set; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var entity = vault.Get(AutomationRule.EntityType, settings.Id) is { IsDeleted: false } e ? e : throw new VaultException($"no automation '{settings.Id}'; list them with 'realign automation list'");
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("id", entity.EntityId);
                foreach (var (name, value) in entity.Payload.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    w.Raw(name, value);
                }

                w.WriteEndObject();
            });
        }

        var rule = AutomationRule.TryParse(VaultAssistReplica.Source(entity), out var error);
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(entity.Text("name") ?? entity.EntityId)}[/] ({Markup.Escape(entity.EntityId)}), writes as automation:rule-{Markup.Escape(entity.EntityId)}");
        AnsiConsole.MarkupLine(rule is null ? $"[red]invalid:[/] {Markup.Escape(error!)}" : $"when: {Markup.Escape(AutomationListCommand.Describe(rule.Trigger))}; enabled: {(rule.Enabled ? "yes" : "no")}");
        var table = new Table().AddColumns("field", "value", "level", "by");
        foreach (var (name, value) in entity.Payload.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var register = entity.State.FindField(name)?.Effective;
            table.AddRow(Markup.Escape(name), Show.Value(value, 80), register is { } r ? Show.Level(r.Stamp.Level) : "", Markup.Escape(register?.Stamp.Origin ?? ""));
        }

        AnsiConsole.Write(table);
        return 0;
    }
}
