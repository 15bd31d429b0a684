namespace Realign.Assist.Jobs;

/// <summary>The names of <see cref="AssistJob"/> on the command line, in records and in automations.</summary>
public static class AssistJobs
{
    /// <summary>Every job, in the order they are documented.</summary>
    public static IReadOnlyList<AssistJob> All { get; } = [AssistJob.Summarise, AssistJob.Tags, AssistJob.Tasks, AssistJob.Draft, AssistJob.Ask, AssistJob.Embed];

    /// <summary>The name of a job: <c>summarise</c>, <c>tags</c>, <c>tasks</c>, <c>draft</c>, <c>ask</c> or <c>embed</c>.</summary>
    public static string ToName(this AssistJob job) => job switch
    {
        AssistJob.Summarise => "summarise",
        AssistJob.Tags => "tags",
        AssistJob.Tasks => "tasks",
        AssistJob.Draft => "draft",
        AssistJob.Ask => "ask",
        AssistJob.Embed => "embed",
        _ => throw new ArgumentOutOfRangeException(nameof(job), job, "unknown job"),
    };

    /// <summary>Parses a job name (<c>summarize</c> is taken too).</summary>
    /// <exception cref="FormatException">An unknown name, with the names allowed.</exception>
    public static AssistJob Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "summarise" or "summarize" or "summary" => AssistJob.Summarise,
        "tags" or "tag" => AssistJob.Tags,
        "tasks" or "task" => AssistJob.Tasks,
        "draft" or "rewrite" => AssistJob.Draft,
        "ask" => AssistJob.Ask,
        "embed" or "embeddings" or "embedding" => AssistJob.Embed,
        _ => throw new FormatException($"unknown job '{name}'; use one of {string.Join(", ", All.Select(j => j.ToName()))}"),
    };
}
