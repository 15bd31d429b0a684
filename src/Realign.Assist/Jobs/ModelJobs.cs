using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Realign.Assist.Builtin;
using Realign.Core.Contract;

namespace Realign.Assist.Jobs;

/// <summary>The jobs as prompts to a model, and the reading of its answers. A job that asks for JSON refuses any answer
/// that is not the JSON asked for (a model may ignore the format): such an answer writes nothing.</summary>
internal static class ModelJobs
{
    public const int MaxTags = 8;

    public static (List<ChatMessage> Messages, ChatOptions Options) Prompt(AssistJob job, AssistSource source, string? prompt)
    {
        var note = $"Title: {source.Title}\n\n{source.Body}";
        var (system, json) = job switch
        {
            AssistJob.Summarise => ("You summarise a person's note in at most three sentences, in the note's language. Answer with the summary only.", false),
            AssistJob.Tags => ($$"""You suggest up to {{MaxTags}} short lower-case tags for a person's note. Answer with JSON only, of the form {"tags":["tag"]}.""", true),
            AssistJob.Tasks => ("""You find the tasks in a person's note. Answer with JSON only, of the form {"tasks":[{"title":"...","due":"YYYY-MM-DD or null","done":false}]}; an empty list when there are none.""", true),
            AssistJob.Draft => ("You rewrite a person's note to read more clearly, keeping its meaning, facts, language and Markdown. Answer with the rewritten text only, without the title.", false),
            AssistJob.Ask => ("You answer a question about a person's note using the note only. Answer briefly.", false),
            _ => throw new ArgumentOutOfRangeException(nameof(job), job, "unknown job"),
        };
        var messages = new List<ChatMessage> { new(ChatRole.System, system), new(ChatRole.User, note) };
        if (job == AssistJob.Ask)
        {
            messages.Add(new ChatMessage(ChatRole.User, "Question: " + prompt));
        }

        var options = new ChatOptions { Temperature = 0.2f };
        if (json)
        {
            options.ResponseFormat = ChatResponseFormat.Json;
        }

        return (messages, options);
    }

    /// <summary>The outputs of an answer, or null when it is not usable.</summary>
    public static (IReadOnlyList<AssistOutput> Outputs, string Text)? Read(AssistJob job, AssistSource source, string? prompt, string answer)
    {
        var text = answer.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        switch (job)
        {
            case AssistJob.Summarise:
                return ([JobOutputs.Summary(source, text)], text);
            case AssistJob.Draft:
                return (JobOutputs.Draft(source, text + "\n"), text);
            case AssistJob.Ask:
                return ([JobOutputs.Answer(source, prompt!, text)], text);
            case AssistJob.Tags:
                var tags = ReadTags(text);
                return tags is null ? null : (JobOutputs.Tags(source, tags), string.Join(", ", tags));
            case AssistJob.Tasks:
                var tasks = ReadTasks(text);
                return tasks is null ? null : (JobOutputs.Tasks(source, tasks), string.Join("\n", tasks.Select(t => t.Title)));
            default:
                throw new ArgumentOutOfRangeException(nameof(job), job, "unknown job");
        }
    }

    /// <summary>Tags from <c>{"tags":[...]}</c> (or a bare array), each cleaned as a tag; null when not that JSON.</summary>
    public static IReadOnlyList<string>? ReadTags(string answer)
    {
        var array = ArrayOf(answer, "tags");
        if (array is null)
        {
            return null;
        }

        var tags = new List<string>();
        foreach (var item in array.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var tag = new string(item.GetString()!.Trim().TrimStart('#').ToLowerInvariant().Select(c => char.IsWhiteSpace(c) ? '-' : c).ToArray());
            if (tag.Length is > 0 and <= 32 && tag.All(c => char.IsLetterOrDigit(c) || c is '-' or '_') && !tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }

        return tags.Take(MaxTags).ToList();
    }

    /// <summary>Tasks from <c>{"tasks":[{"title":...}]}</c> (or a bare array); null when not that JSON.</summary>
    public static IReadOnlyList<ExtractedTask>? ReadTasks(string answer)
    {
        var array = ArrayOf(answer, "tasks");
        if (array is null)
        {
            return null;
        }

        var tasks = new List<ExtractedTask>();
        foreach (var item in array.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("title", out var title) || title.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            DateOnly? due = item.TryGetProperty("due", out var d) && d.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
            var done = item.TryGetProperty("done", out var flag) && flag.ValueKind == JsonValueKind.True;
            tasks.Add(new ExtractedTask(title.GetString()!.Trim(), done, due, 0));
        }

        return tasks;
    }

    /// <summary>The array under <paramref name="property"/> of the JSON object in <paramref name="answer"/> (fences around it
    /// allowed), or the answer itself when it is an array; null when the answer is not such JSON.</summary>
    private static JsonElement? ArrayOf(string answer, string property)
    {
        var text = answer.Trim();
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstNewline = text.IndexOf('\n', StringComparison.Ordinal);
            var close = text.LastIndexOf("```", StringComparison.Ordinal);
            text = firstNewline > 0 && close > firstNewline ? text[(firstNewline + 1)..close].Trim() : text;
        }

        JsonElement root;
        try
        {
            root = JsonValues.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }

        if (root.ValueKind == JsonValueKind.Array)
        {
            return root;
        }

        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array ? array : null;
    }
}
