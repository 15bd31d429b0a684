using System.Globalization;
using System.Text.Json;
using Realign.Assist.Hosting;
using Realign.Assist.Jobs;
using Realign.Core.Truth;

namespace Realign.Assist.Automations;

/// <summary>Runs a tenant's automation rules in a replica: on the changes the host hands it, and on their schedules.</summary>
/// <remarks>
/// <para>A rule writes at level 2 as <c>automation:rule-&lt;id&gt;</c> through the replica, so the truth rules hold: its
/// values stand beside a person's as suggestions, a delete of a person's entity is a delete suggestion, and a protected
/// field or the key record is refused, in which case nothing of that run is written (its outcome says why). An
/// <c>assist</c> action's outputs carry the assistant's own level.</para>
/// <para>It cannot loop: a rule is never triggered by its own writes, the writes of a run are followed in the same pass up to
/// <see cref="AutomationOptions.MaxDepth"/> rules deep, and the pass reports everything it wrote so the host does not hand
/// those changes back. Created entities get ids derived from the rule, the source and the action (or the schedule's
/// occurrence), so a rule that runs twice, or on two devices, writes the same entity again instead of a second one.</para>
/// <para>Each run is recorded on the rule: <c>last_run_at</c> and <c>last_outcome</c>.</para>
/// </remarks>
public sealed class AutomationEngine(IAssistReplica replica, AutomationOptions? options = null)
{
    private readonly AutomationOptions _options = options ?? new AutomationOptions();

    /// <summary>The enabled rules and the unreadable ones.</summary>
    public async Task<(IReadOnlyList<AutomationRule> Rules, IReadOnlyList<(string RuleId, string Error)> Invalid)> LoadRulesAsync(CancellationToken cancellationToken = default)
    {
        var rules = new List<AutomationRule>();
        var invalid = new List<(string, string)>();
        foreach (var entity in (await replica.ListAsync(AutomationRule.EntityType, cancellationToken).ConfigureAwait(false)).OrderBy(e => e.EntityId, StringComparer.Ordinal))
        {
            if (AutomationRule.TryParse(entity, out var error) is { } rule)
            {
                if (rule.Enabled)
                {
                    rules.Add(rule);
                }
            }
            else
            {
                invalid.Add((entity.EntityId, error!));
            }
        }

        return (rules, invalid);
    }

    /// <summary>One pass: the rules triggered by <paramref name="changes"/> (and the chains they start), then, when
    /// <paramref name="schedules"/>, every scheduled rule that is due.</summary>
    public async Task<AutomationPass> RunPassAsync(IReadOnlyList<EntityChange> changes, bool schedules = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var (rules, invalid) = await LoadRulesAsync(cancellationToken).ConfigureAwait(false);
        var runs = new List<RuleRun>();
        var written = new HashSet<(string, string)>();
        var suppressed = 0;
        var queue = new Queue<(EntityChange Change, int Depth, string? Cause)>(changes.Select(c => (c, 0, (string?)null)));
        while (queue.TryDequeue(out var item))
        {
            var (change, depth, cause) = item;
            foreach (var rule in rules)
            {
                if (rule.Trigger.Kind == TriggerKind.Schedule || rule.Id == cause || change.Origin == rule.Origin.Value || !rule.Matches(change.Entity, change.Created))
                {
                    continue;
                }

                if (depth >= _options.MaxDepth || runs.Count >= _options.MaxRunsPerPass)
                {
                    suppressed++;
                    continue;
                }

                var (run, createdKeys) = await RunAsync(rule, change.Entity, null, depth, cancellationToken).ConfigureAwait(false);
                runs.Add(run);
                written.Add((AutomationRule.EntityType, rule.Id));
                foreach (var key in run.Written)
                {
                    written.Add(key);
                    if (await replica.ReadAsync(key.EntityType, key.EntityId, cancellationToken).ConfigureAwait(false) is { } next)
                    {
                        queue.Enqueue((new EntityChange(next, createdKeys.Contains(key), rule.Origin.Value), depth + 1, rule.Id));
                    }
                }
            }
        }

        if (schedules)
        {
            var now = _options.Time.GetUtcNow();
            foreach (var rule in rules.Where(r => r.Trigger.Kind == TriggerKind.Schedule))
            {
                if (runs.Count >= _options.MaxRunsPerPass)
                {
                    suppressed++;
                    continue;
                }

                if (Due(rule, now) is { } occurrence)
                {
                    var (run, _) = await RunAsync(rule, null, occurrence, 0, cancellationToken).ConfigureAwait(false);
                    runs.Add(run);
                    written.Add((AutomationRule.EntityType, rule.Id));
                    written.UnionWith(run.Written);
                }
            }
        }

        return new AutomationPass(runs, invalid, suppressed, written);
    }

    /// <summary>Runs one rule now: on <paramref name="entity"/> for an entity rule, or as its schedule's occurrence now.</summary>
    public async Task<RuleRun> RunNowAsync(AutomationRule rule, AssistSource? entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Trigger.Kind != TriggerKind.Schedule && entity is null)
        {
            throw new ArgumentException("an entity rule runs on an entity", nameof(entity));
        }

        var schedule = rule.Trigger.Kind == TriggerKind.Schedule;
        var (run, _) = await RunAsync(rule, schedule ? null : entity, schedule ? _options.Time.GetUtcNow() : null, 0, cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>The occurrence a scheduled rule is due for at <paramref name="now"/>, or null: the first one after its last run
    /// (or after it was first written) that is not in the future. Missed occurrences make one run, not many.</summary>
    public static DateTimeOffset? Due(AutomationRule rule, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Trigger.Cron is not { } cron)
        {
            return null;
        }

        var since = rule.LastRunAtMicros ?? rule.WrittenAtMicros ?? UtcMicros.From(now);
        var next = cron.GetNextOccurrence(UtcMicros.ToInstant(since).UtcDateTime, rule.Trigger.TimeZone);
        return next is { } n && n <= now.UtcDateTime ? new DateTimeOffset(n, TimeSpan.Zero) : null;
    }

    private async Task<(RuleRun Run, HashSet<(string, string)> Created)> RunAsync(AutomationRule rule, AssistSource? entity, DateTimeOffset? occurrence, int depth, CancellationToken cancellationToken)
    {
        var now = _options.Time.GetUtcNow();
        var writes = new List<ReplicaWrite>();
        string outcome = "ok";
        var tags = entity?.Tags.ToList() ?? [];
        var changes = new Dictionary<string, string>(StringComparer.Ordinal);
        var created = new HashSet<(string, string)>();
        for (var i = 0; i < rule.Actions.Count; i++)
        {
            var action = rule.Actions[i];
            var discriminator = entity is { } e ? $"{e.EntityType}/{e.EntityId}#{i}" : $"{occurrence!.Value.UtcTicks.ToString(CultureInfo.InvariantCulture)}#{i}";
            switch (action.Kind)
            {
                case ActionKind.CreateTask:
                    var task = Created(rule, entity, "title", Fill(action.Title!, entity, now));
                    task.Add(new("done", "false"));
                    if (action.DueInDays is { } days)
                    {
                        task.Add(new("due", Json(DateOnly.FromDateTime(now.UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
                    }

                    writes.Add(new ReplicaWrite("task", DerivedIds.For("task", AutomationRule.EntityType, rule.Id, discriminator), Sorted(task)));
                    await NoteCreatedAsync(writes[^1], created, cancellationToken).ConfigureAwait(false);
                    break;
                case ActionKind.CreateNote:
                    var note = Created(rule, entity, "title", Fill(action.Title!, entity, now));
                    note.Add(new("body", Json(Fill(action.Body ?? "", entity, now))));
                    writes.Add(new ReplicaWrite("note", DerivedIds.For("note", AutomationRule.EntityType, rule.Id, discriminator), Sorted(note)));
                    await NoteCreatedAsync(writes[^1], created, cancellationToken).ConfigureAwait(false);
                    break;
                case ActionKind.SetField:
                    changes[action.Field!] = action.ValueJson!.StartsWith('"') ? Json(Fill(JsonSerializer.Deserialize(action.ValueJson, AssistJsonContext.Default.String)!, entity, now)) : action.ValueJson;
                    break;
                case ActionKind.AddTag:
                    if (!tags.Contains(action.Tag!, StringComparer.OrdinalIgnoreCase))
                    {
                        tags.Add(action.Tag!);
                        changes["tags"] = JsonSerializer.Serialize(tags, AssistJsonContext.Default.ListString);
                    }

                    break;
                case ActionKind.Delete:
                    writes.Add(new ReplicaWrite(entity!.EntityType, entity.EntityId, [], Deleted: true));
                    break;
                case ActionKind.Assist:
                    break;
                default:
                    throw new InvalidOperationException($"unknown action {action.Kind}");
            }
        }

        if (changes.Count > 0 && entity is not null)
        {
            writes.Insert(0, new ReplicaWrite(entity.EntityType, entity.EntityId, Sorted(changes.ToList())));
        }

        var written = new List<(string, string)>();
        try
        {
            if (writes.Count > 0)
            {
                await replica.WriteAsync(rule.Origin, writes, cancellationToken).ConfigureAwait(false);
                written.AddRange(writes.Select(w => (w.EntityType, w.EntityId)));
            }
        }
        catch (AssistWriteRefusedException ex)
        {
            outcome = "refused: " + ex.Message;
        }

        if (outcome == "ok" && entity is not null)
        {
            foreach (var action in rule.Actions.Where(a => a.Kind == ActionKind.Assist))
            {
                if (_options.Assistants is null)
                {
                    outcome = "failed: this host runs no assistants";
                    break;
                }

                using var assistant = await _options.Assistants(action.Provider, cancellationToken).ConfigureAwait(false);
                var result = await AssistRunner.RunAsync(replica, assistant, action.Job!.Value, entity.EntityType, entity.EntityId, null, cancellationToken).ConfigureAwait(false);
                written.AddRange(AssistRunner.WritesOf(entity, result).Select(w => (w.EntityType, w.EntityId)));
                if (!result.Succeeded)
                {
                    outcome = $"failed: {action.Job.Value.ToName()} with {result.Usage.Provider}: {result.Usage.Outcome}";
                }
            }
        }

        await replica.WriteAsync(rule.Origin, [new ReplicaWrite(AutomationRule.EntityType, rule.Id, [
            new("last_outcome", Json(outcome.Length <= 500 ? outcome : outcome[..500])),
            new("last_run_at", Json(UtcMicros.Format(UtcMicros.From(now)))),
        ])], cancellationToken).ConfigureAwait(false);
        return (new RuleRun(rule.Id, entity?.EntityType, entity?.EntityId, outcome, depth, written), outcome == "ok" ? created : []);
    }

    private async Task NoteCreatedAsync(ReplicaWrite write, HashSet<(string, string)> created, CancellationToken cancellationToken)
    {
        if (await replica.ReadAsync(write.EntityType, write.EntityId, cancellationToken).ConfigureAwait(false) is null)
        {
            created.Add((write.EntityType, write.EntityId));
        }
    }

    /// <summary>The fields every created entity carries: its main text, and which rule and source made it.</summary>
    private static List<KeyValuePair<string, string>> Created(AutomationRule rule, AssistSource? entity, string field, string text)
    {
        var fields = new List<KeyValuePair<string, string>> { new(field, Json(text)), new("rule_id", Json(rule.Id)) };
        if (entity is not null)
        {
            fields.Add(new("source_id", Json(entity.EntityId)));
            fields.Add(new("source_type", Json(entity.EntityType)));
            fields.Add(new("source_version", entity.Version.ToString(CultureInfo.InvariantCulture)));
        }

        return fields;
    }

    private static List<KeyValuePair<string, string>> Sorted(List<KeyValuePair<string, string>> fields)
    {
        fields.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return fields;
    }

    /// <summary>A template with <c>{title}</c>, <c>{id}</c>, <c>{type}</c> and <c>{date}</c> filled in.</summary>
    public static string Fill(string template, AssistSource? entity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(template);
        return template
            .Replace("{title}", entity?.Title ?? "", StringComparison.Ordinal)
            .Replace("{id}", entity?.EntityId ?? "", StringComparison.Ordinal)
            .Replace("{type}", entity?.EntityType ?? "", StringComparison.Ordinal)
            .Replace("{date}", now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string Json(string text) => JsonSerializer.Serialize(text, AssistJsonContext.Default.String);
}
