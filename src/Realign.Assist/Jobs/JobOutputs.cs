using Realign.Assist.Builtin;
using Realign.Core.Contract;

namespace Realign.Assist.Jobs;

/// <summary>Turns what an assistant (built-in or model) found into outputs, the same way for both.</summary>
internal static class JobOutputs
{
    public static DerivedEntity Summary(AssistSource source, string text) => new(
        "summary",
        DerivedIds.For("summary", source.EntityType, source.EntityId),
        Fields(source, AssistJob.Summarise, [new("text", AiUsage.Json(text)), new("title", AiUsage.Json(source.Title.Length > 0 ? "Summary: " + source.Title : "Summary"))]));

    public static DerivedEntity Answer(AssistSource source, string prompt, string text) => new(
        "answer",
        DerivedIds.For("answer", source.EntityType, source.EntityId, prompt),
        Fields(source, AssistJob.Ask, [new("prompt", AiUsage.Json(prompt)), new("text", AiUsage.Json(text))]));

    /// <summary>The source's tags with the new ones after them, as one suggestion; none when nothing is new.</summary>
    public static IReadOnlyList<AssistOutput> Tags(AssistSource source, IEnumerable<string> suggested)
    {
        var existing = source.Tags;
        var merged = existing.ToList();
        foreach (var tag in suggested)
        {
            if (!merged.Contains(tag, StringComparer.OrdinalIgnoreCase))
            {
                merged.Add(tag);
            }
        }

        return merged.Count == existing.Count
            ? []
            : [new FieldSuggestion("tags", System.Text.Json.JsonSerializer.Serialize(merged, AssistJsonContext.Default.ListString))];
    }

    public static IReadOnlyList<AssistOutput> Tasks(AssistSource source, IEnumerable<ExtractedTask> tasks)
    {
        var outputs = new List<AssistOutput>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            var title = task.Title.Trim();
            var identity = title.ToLowerInvariant();
            if (title.Length == 0 || !seen.Add(identity))
            {
                continue;
            }

            List<KeyValuePair<string, string>> fields = [new("done", task.Done ? "true" : "false"), new("title", AiUsage.Json(title))];
            if (task.Due is { } due)
            {
                fields.Add(new("due", AiUsage.Json(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
            }

            if (task.Line > 0)
            {
                fields.Add(new("source_line", AiUsage.Number(task.Line)));
            }

            outputs.Add(new DerivedEntity("task", DerivedIds.For("task", source.EntityType, source.EntityId, identity), Fields(source, AssistJob.Tasks, fields)));
        }

        return outputs;
    }

    /// <summary>A rewrite of the body as a suggestion; none when it says nothing new.</summary>
    public static IReadOnlyList<AssistOutput> Draft(AssistSource source, string body) =>
        string.Equals(body.TrimEnd(), source.Body.TrimEnd(), StringComparison.Ordinal) ? [] : [new FieldSuggestion("body", AiUsage.Json(body))];

    private static List<KeyValuePair<string, string>> Fields(AssistSource source, AssistJob job, List<KeyValuePair<string, string>> own)
    {
        own.Add(new("job", AiUsage.Json(job.ToName())));
        own.Add(new("source_id", AiUsage.Json(source.EntityId)));
        own.Add(new("source_type", AiUsage.Json(source.EntityType)));
        own.Add(new("source_version", AiUsage.Number(source.Version)));
        own.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return own;
    }

    /// <summary>A JSON string value's text (for tests and display).</summary>
    public static string? TextOf(string compactJson) => compactJson.Length > 0 && compactJson[0] == '"' ? JsonValues.Parse(compactJson).GetString() : null;
}
