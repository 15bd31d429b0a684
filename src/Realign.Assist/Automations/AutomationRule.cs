using System.Text;
using System.Text.Json;
using Cronos;
using Realign.Assist.Jobs;
using Realign.Core.Contract;
using Realign.Core.Truth;

namespace Realign.Assist.Automations;

/// <summary>A user-written rule (an entity of type <c>automation</c>, written at level 1): a trigger and actions, run at
/// level 2 as <c>automation:rule-&lt;id&gt;</c>.</summary>
/// <remarks>
/// <para>Fields: <c>name</c>; <c>enabled</c> (true unless false); <c>trigger</c>, an object
/// <c>{"on":"created|updated|changed","type":"note","tag":"...","field":"...","equals":...}</c> or
/// <c>{"on":"schedule","cron":"0 8 * * *","timezone":"Europe/Berlin"}</c>; and <c>actions</c>, an array of
/// <c>{"do":"create_task","title":"...","due_in_days":3}</c>, <c>{"do":"create_note","title":"...","body":"..."}</c>,
/// <c>{"do":"set_field","field":"...","value":...}</c>, <c>{"do":"add_tag","tag":"..."}</c>, <c>{"do":"delete"}</c> and
/// <c>{"do":"assist","job":"summarise","provider":"..."}</c>. The engine writes <c>last_run_at</c> and <c>last_outcome</c>
/// on the rule after each run.</para>
/// </remarks>
public sealed record AutomationRule(string Id, string Name, bool Enabled, RuleTrigger Trigger, IReadOnlyList<RuleAction> Actions, OriginSource Origin, long? LastRunAtMicros)
{
    /// <summary>When the rule was first written, where the host knows it (a schedule's first occurrence is after it).</summary>
    public long? WrittenAtMicros { get; init; }

    /// <summary>The entity type of rules.</summary>
    public const string EntityType = "automation";

    /// <summary>The most actions one rule may have.</summary>
    public const int MaxActions = 16;

    /// <summary>Reads a rule from its entity.</summary>
    /// <returns>The rule, or null with the reason in <paramref name="error"/>.</returns>
    public static AutomationRule? TryParse(AssistSource entity, out string? error)
    {
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            error = null;
            return Parse(entity);
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>Reads a rule from its entity.</summary>
    /// <exception cref="FormatException">What is wrong with it, in one line.</exception>
    public static AutomationRule Parse(AssistSource entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!OriginSource.TryParse("automation:rule-" + OriginName(entity.EntityId), out var origin, out var originError))
        {
            throw new FormatException($"rule id '{entity.EntityId}' cannot name an origin: {originError}");
        }

        var enabled = !entity.Fields.TryGetValue("enabled", out var flag) || flag != "false";
        var trigger = ReadTrigger(Element(entity, "trigger", JsonValueKind.Object));
        var actionsElement = Element(entity, "actions", JsonValueKind.Array);
        var actions = actionsElement.EnumerateArray().Select(ReadAction).ToList();
        if (actions.Count is 0 or > MaxActions)
        {
            throw new FormatException($"a rule has 1-{MaxActions} actions");
        }

        if (trigger.Kind == TriggerKind.Schedule && actions.FirstOrDefault(a => a.Kind is not (ActionKind.CreateTask or ActionKind.CreateNote)) is { } onEntity)
        {
            throw new FormatException($"a scheduled rule has no entity to {ActionName(onEntity.Kind)}; it may create tasks and notes");
        }

        long? lastRun = entity.Text("last_run_at") is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? UtcMicros.From(at)
            : null;
        return new AutomationRule(entity.EntityId, entity.Text("name") ?? entity.EntityId, enabled, trigger, actions, origin, lastRun) { WrittenAtMicros = entity.FirstWrittenAtMicros };
    }

    /// <summary>True when the trigger matches <paramref name="entity"/> for a change of this kind.</summary>
    public bool Matches(AssistSource entity, bool created)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var t = Trigger;
        if (t.Kind == TriggerKind.Schedule || (t.Kind == TriggerKind.Created && !created) || (t.Kind == TriggerKind.Updated && created))
        {
            return false;
        }

        if (t.EntityType is { } type && type != entity.EntityType)
        {
            return false;
        }

        if (t.Tag is { } tag && !entity.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        return t.Field is not { } field || (entity.Fields.TryGetValue(field, out var value) && value == t.EqualsJson);
    }

    /// <summary>The name of an action kind as rules write it.</summary>
    public static string ActionName(ActionKind kind) => kind switch
    {
        ActionKind.CreateTask => "create_task",
        ActionKind.CreateNote => "create_note",
        ActionKind.SetField => "set_field",
        ActionKind.AddTag => "add_tag",
        ActionKind.Delete => "delete",
        _ => "assist",
    };

    private static JsonElement Element(AssistSource entity, string field, JsonValueKind kind)
    {
        if (!entity.Fields.TryGetValue(field, out var json))
        {
            throw new FormatException($"the rule has no {field}");
        }

        var element = JsonValues.Parse(json);
        return element.ValueKind == kind ? element : throw new FormatException($"{field} must be a JSON {(kind == JsonValueKind.Object ? "object" : "array")}");
    }

    private static RuleTrigger ReadTrigger(JsonElement t)
    {
        var on = String(t, "on") ?? throw new FormatException("trigger.on is missing: created, updated, changed or schedule");
        var kind = on switch
        {
            "created" => TriggerKind.Created,
            "updated" => TriggerKind.Updated,
            "changed" => TriggerKind.Changed,
            "schedule" => TriggerKind.Schedule,
            _ => throw new FormatException($"trigger.on '{on}' is not created, updated, changed or schedule"),
        };
        if (kind == TriggerKind.Schedule)
        {
            var cronText = String(t, "cron") ?? throw new FormatException("a schedule needs trigger.cron, such as \"0 8 * * *\"");
            CronExpression cron;
            try
            {
                cron = CronExpression.Parse(cronText, cronText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            }
            catch (CronFormatException ex)
            {
                throw new FormatException($"trigger.cron '{cronText}' is not a cron expression: {ex.Message}", ex);
            }

            var zone = TimeZoneInfo.Utc;
            if (String(t, "timezone") is { } zoneName)
            {
                try
                {
                    zone = TimeZoneInfo.FindSystemTimeZoneById(zoneName);
                }
                catch (TimeZoneNotFoundException ex)
                {
                    throw new FormatException($"trigger.timezone '{zoneName}' is not a time zone this machine knows", ex);
                }
            }

            return new RuleTrigger(kind, null, null, null, null, cron, zone);
        }

        var type = String(t, "type");
        if (type is not null && !Realign.Core.Rules.ItemAdmission.IsValidType(type))
        {
            throw new FormatException($"trigger.type '{type}' is not an entity type");
        }

        var field = String(t, "field");
        string? equals = null;
        if (field is not null)
        {
            equals = t.TryGetProperty("equals", out var e) ? JsonValues.ToCompact(e) : throw new FormatException("trigger.field needs trigger.equals");
        }

        return new RuleTrigger(kind, type, String(t, "tag"), field, equals, null, TimeZoneInfo.Utc);
    }

    private static RuleAction ReadAction(JsonElement a)
    {
        if (a.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("each action is a JSON object with \"do\"");
        }

        var name = String(a, "do") ?? throw new FormatException("an action has no \"do\"");
        switch (name)
        {
            case "create_task":
                int? due = a.TryGetProperty("due_in_days", out var d) && d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var days) && days is >= 0 and <= 3650 ? days : null;
                return new RuleAction(ActionKind.CreateTask, Title: Required(a, "title", name), DueInDays: due);
            case "create_note":
                return new RuleAction(ActionKind.CreateNote, Title: Required(a, "title", name), Body: String(a, "body") ?? "");
            case "set_field":
                var field = Required(a, "field", name);
                if (!Realign.Core.Rules.ItemAdmission.IsValidFieldName(field))
                {
                    throw new FormatException($"set_field: '{field}' is not a field name");
                }

                return new RuleAction(ActionKind.SetField, Field: field, ValueJson: a.TryGetProperty("value", out var v) ? JsonValues.ToCompact(v) : throw new FormatException("set_field needs a value"));
            case "add_tag":
                return new RuleAction(ActionKind.AddTag, Tag: Required(a, "tag", name));
            case "delete":
                return new RuleAction(ActionKind.Delete);
            case "assist":
                AssistJob job;
                try
                {
                    job = AssistJobs.Parse(String(a, "job") ?? "summarise");
                }
                catch (FormatException ex)
                {
                    throw new FormatException("assist: " + ex.Message, ex);
                }

                if (job == AssistJob.Ask)
                {
                    throw new FormatException("assist: an automation runs summarise, tags, tasks or draft (an ask needs a person's question)");
                }

                return new RuleAction(ActionKind.Assist, Job: job, Provider: String(a, "provider"));
            default:
                throw new FormatException($"action '{name}' is not create_task, create_note, set_field, add_tag, delete or assist");
        }
    }

    private static string Required(JsonElement a, string property, string action) =>
        String(a, property) is { Length: > 0 } s ? s : throw new FormatException($"{action} needs \"{property}\"");

    private static string? String(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string OriginName(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '@' or '/' or '+' or '-' ? c : '-');
        }

        return builder.Length > 100 ? builder.ToString(0, 100) : builder.ToString();
    }
}
