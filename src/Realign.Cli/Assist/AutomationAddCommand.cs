using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Realign.Assist.Automations;
using Realign.Assist.Jobs;
using Realign.Cli.Vault;
using Realign.Core.Contract;
using Realign.Vault;
using Realign.Vault.Assist;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign automation add NAME --on ... [actions]</c>: writes a rule (an <c>automation</c> entity, as the user).</summary>
internal sealed class AutomationAddCommand : Command<AutomationAddCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; set; } = "";

        [CommandOption("--id <ID>")]
        [Description("The rule's id (default: a new one); its writes are stamped automation:rule-ID.")]
        public string? Id { get; set; }

        [CommandOption("--on <WHEN>")]
        [Description("created, updated, changed (an entity), or schedule (with --cron).")]
        public string On { get; set; } = "created";

        [CommandOption("--type <TYPE>")]
        [Description("The entity type watched (default: note).")]
        public string? Type { get; set; }

        [CommandOption("--tag <TAG>")]
        [Description("Only entities with this tag.")]
        public string? Tag { get; set; }

        [CommandOption("--field <FIELD>")]
        [Description("Only entities whose FIELD equals --equals.")]
        public string? Field { get; set; }

        [CommandOption("--equals <VALUE>")]
        [Description("The value --field must hold (JSON, or plain text).")]
        public string? EqualsValue { get; set; }

        [CommandOption("--cron <EXPR>")]
        [Description("A cron schedule, such as \"0 8 * * *\" (every day at 08:00).")]
        public string? Cron { get; set; }

        [CommandOption("--timezone <ZONE>")]
        [Description("The schedule's time zone (default UTC), such as Europe/Berlin.")]
        public string? TimeZone { get; set; }

        [CommandOption("--create-task <TITLE>")]
        [Description("Create a task; {title}, {id}, {type} and {date} are filled in.")]
        public string? CreateTask { get; set; }

        [CommandOption("--due-in-days <N>")]
        [Description("The created task is due N days after the run.")]
        public int? DueInDays { get; set; }

        [CommandOption("--create-note <TITLE>")]
        [Description("Create a note (with --body).")]
        public string? CreateNote { get; set; }

        [CommandOption("--body <TEXT>")]
        public string? Body { get; set; }

        [CommandOption("--set <FIELD=VALUE>")]
        [Description("Set a field of the entity (a suggestion beside your value); repeat for more.")]
        public string[] Set { get; set; } = [];

        [CommandOption("--add-tag <TAG>")]
        public string? AddTag { get; set; }

        [CommandOption("--delete")]
        [Description("Delete the entity: on your own entities a delete suggestion.")]
        public bool Delete { get; set; }

        [CommandOption("--assist <JOB>")]
        [Description("Run an assistant job on the entity: summarise, tags, tasks or draft.")]
        public string? Assist { get; set; }

        [CommandOption("--provider <NAME>")]
        [Description("The provider of --assist (default: the vault's default).")]
        public string? Provider { get; set; }

        [CommandOption("--actions <JSON>")]
        [Description("The actions as a JSON array instead (see docs/assist.md).")]
        public string? Actions { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var trigger = new JsonObject { ["on"] = settings.On };
        if (settings.On == "schedule")
        {
            trigger["cron"] = settings.Cron ?? throw new VaultException("a schedule needs --cron, such as \"0 8 * * *\"");
            if (settings.TimeZone is { } zone)
            {
                trigger["timezone"] = zone;
            }
        }
        else
        {
            trigger["type"] = settings.Type ?? "note";
            if (settings.Tag is { } tag)
            {
                trigger["tag"] = tag;
            }

            if (settings.Field is { } field)
            {
                trigger["field"] = field;
                trigger["equals"] = JsonNode.Parse(Json(settings.EqualsValue ?? throw new VaultException("--field needs --equals VALUE")));
            }
        }

        var actions = settings.Actions is { } raw ? ParseActions(raw) : BuildActions(settings);
        if (actions.Count == 0)
        {
            throw new VaultException("give at least one action: --create-task, --create-note, --set, --add-tag, --delete, --assist, or --actions JSON");
        }

        var id = settings.Id ?? EntityIds.New("r");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("actions", actions.ToJsonString()),
            new("enabled", "true"),
            new("name", Show.JsonString(settings.Name)),
            new("trigger", trigger.ToJsonString()),
        };
        try
        {
            // Refuse a rule the engine could not run before anything is stored.
            AutomationRule.Parse(new AssistSource(AutomationRule.EntityType, id, 0, fields.ToDictionary(f => f.Key, f => f.Value)));
        }
        catch (FormatException ex)
        {
            throw new VaultException(ex.Message, ex);
        }

        using var vault = VaultSession.Open(settings);
        vault.Put(AutomationRule.EntityType, id, fields);
        new VaultAutomations(vault).StartCursor();
        var where = vault.Settings.IsLocalFirst ? "this vault runs it ('realign watch', or 'realign automation run')" : "the server runs it for this cloud-first tenant once it syncs";
        AnsiConsole.MarkupLine($"[green]automation added[/] {Markup.Escape(id)}: writes as automation:rule-{Markup.Escape(id)} (level 2); {Markup.Escape(where)}");
        return 0;
    }

    private static JsonArray BuildActions(Settings s)
    {
        var actions = new JsonArray();
        if (s.CreateTask is { } title)
        {
            var task = new JsonObject { ["do"] = "create_task", ["title"] = title };
            if (s.DueInDays is { } days)
            {
                task["due_in_days"] = days;
            }

            actions.Add(task);
        }

        if (s.CreateNote is { } noteTitle)
        {
            actions.Add(new JsonObject { ["do"] = "create_note", ["title"] = noteTitle, ["body"] = s.Body ?? "" });
        }

        foreach (var assignment in s.Set)
        {
            var (field, value) = Show.FieldAssignment(assignment);
            actions.Add(new JsonObject { ["do"] = "set_field", ["field"] = field, ["value"] = JsonNode.Parse(Json(value)) });
        }

        if (s.AddTag is { } tag)
        {
            actions.Add(new JsonObject { ["do"] = "add_tag", ["tag"] = tag });
        }

        if (s.Delete)
        {
            actions.Add(new JsonObject { ["do"] = "delete" });
        }

        if (s.Assist is { } job)
        {
            var assist = new JsonObject { ["do"] = "assist", ["job"] = AssistJobs.Parse(job).ToName() };
            if (s.Provider is { } provider)
            {
                assist["provider"] = provider;
            }

            actions.Add(assist);
        }

        return actions;
    }

    private static JsonArray ParseActions(string raw)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonArray ?? throw new VaultException("--actions must be a JSON array");
        }
        catch (JsonException ex)
        {
            throw new VaultException($"--actions is not valid JSON: {ex.Message}", ex);
        }
    }

    /// <summary>A value given on the command line as JSON, or as plain text.</summary>
    private static string Json(string value)
    {
        try
        {
            return JsonValues.ToCompact(JsonValues.Parse(value));
        }
        catch (JsonException)
        {
            return Show.JsonString(value);
        }
    }
}
