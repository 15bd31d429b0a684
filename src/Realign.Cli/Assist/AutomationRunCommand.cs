using System.ComponentModel;
using Realign.Assist.Automations;
using Realign.Cli.Vault;
using Realign.Vault;
using Realign.Vault.Assist;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign automation run [RULE] [--entity ENTITY]</c>: one pass (the changes since the last one and the due
/// schedules), or one rule now.</summary>
internal sealed class AutomationRunCommand : AsyncCommand<AutomationRunCommand.Settings>
{
    /// <summary>The exit code when some runs were refused or failed.</summary>
    public const int ExitSomeFailed = 4;

    internal sealed class Settings : VaultListSettings
    {
        [CommandArgument(0, "[RULE]")]
        [Description("Run this rule now (on --entity for a rule triggered by entities); without it, one pass of every rule.")]
        public string? Rule { get; set; }

        [CommandOption("--entity <ENTITY>")]
        [Description("The entity to run RULE on (type/id, or the id of a note or task).")]
        public string? Entity { get; set; }

        [CommandOption("--here")]
        [Description("Run a pass in this vault although the server runs this cloud-first tenant's automations.")]
        public bool Here { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var automations = AutomationSession.For(vault);
        IReadOnlyList<RuleRun> runs;
        IReadOnlyList<(string RuleId, string Error)> invalid = [];
        var suppressed = 0;
        if (settings.Rule is { } ruleId)
        {
            var entity = vault.Get(AutomationRule.EntityType, ruleId) is { IsDeleted: false } e ? e : throw new VaultException($"no automation '{ruleId}'; list them with 'realign automation list'");
            if (!VaultAssistReplica.IsPersonWritten(entity))
            {
                throw new VaultException($"automation '{ruleId}' was not written by a person (its trigger or actions are below level 1); it never runs until you write it yourself");
            }

            AutomationRule rule;
            try
            {
                rule = AutomationRule.Parse(VaultAssistReplica.Source(entity));
            }
            catch (FormatException ex)
            {
                throw new VaultException($"automation '{ruleId}' is invalid: {ex.Message}", ex);
            }

            var target = settings.Entity is { } reference ? VaultAssistReplica.Source(VaultSession.FindEntity(vault, reference)) : null;
            if (rule.Trigger.Kind != TriggerKind.Schedule && target is null)
            {
                throw new VaultException($"automation '{ruleId}' runs on an entity: give --entity ENTITY");
            }

            runs = [await automations.Engine.RunNowAsync(rule, target, cancellationToken)];
        }
        else
        {
            if (!vault.Settings.IsLocalFirst && !settings.Here)
            {
                throw new VaultException("the server runs this cloud-first tenant's automations; run one rule with 'realign automation run RULE', or a pass here with --here");
            }

            var pass = await automations.RunPassAsync(cancellationToken: cancellationToken);
            (runs, invalid, suppressed) = (pass.Runs, pass.InvalidRules, pass.Suppressed);
        }

        if (settings.Json)
        {
            JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("runs");
                foreach (var run in runs)
                {
                    w.WriteStartObject();
                    w.WriteString("rule", run.RuleId);
                    w.NullableString("entity_type", run.EntityType);
                    w.NullableString("entity_id", run.EntityId);
                    w.WriteString("outcome", run.Outcome);
                    w.WriteNumber("depth", run.Depth);
                    w.WriteNumber("written", run.Written.Count);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("suppressed", suppressed);
                w.WriteStartArray("invalid");
                foreach (var (rule, error) in invalid)
                {
                    w.WriteStartObject();
                    w.WriteString("rule", rule);
                    w.WriteString("error", error);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            });
        }
        else
        {
            Print(runs, suppressed);
        }

        foreach (var (rule, error) in invalid)
        {
            await Console.Error.WriteLineAsync($"error: automation '{rule}' is invalid: {error}");
        }

        foreach (var run in runs.Where(r => !r.Succeeded))
        {
            await Console.Error.WriteLineAsync($"error: automation '{run.RuleId}'{(run.EntityId is null ? "" : $" on {run.EntityType}/{run.EntityId}")}: {run.Outcome}");
        }

        return runs.Any(r => !r.Succeeded) || invalid.Count > 0 ? ExitSomeFailed : 0;
    }

    internal static void Print(IReadOnlyList<RuleRun> runs, int suppressed)
    {
        foreach (var run in runs.Where(r => r.Succeeded))
        {
            AnsiConsole.MarkupLine($"[green]ran[/] {Markup.Escape(run.RuleId)}{(run.EntityId is null ? " (schedule)" : $" on {Markup.Escape(run.EntityType!)}/{Markup.Escape(run.EntityId)}")}: {run.Written.Count} entit{(run.Written.Count == 1 ? "y" : "ies")} written");
        }

        if (runs.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]no automation had anything to do[/]");
        }

        if (suppressed > 0)
        {
            AnsiConsole.MarkupLine($"[yellow]{suppressed} run(s) held back[/]: a chain of automations reached its depth limit");
        }
    }
}
