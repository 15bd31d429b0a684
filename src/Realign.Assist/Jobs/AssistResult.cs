namespace Realign.Assist.Jobs;

/// <summary>What a job produced: the outputs to write, the usage record, and the text to show.</summary>
/// <param name="Job">The job.</param>
/// <param name="Outputs">The outputs, empty when the job failed or found nothing.</param>
/// <param name="Usage">The usage record (written whatever the outcome).</param>
/// <param name="Text">A text to show the person (the summary, the answer), or null.</param>
public sealed record AssistResult(AssistJob Job, IReadOnlyList<AssistOutput> Outputs, AiUsage Usage, string? Text)
{
    /// <summary>True when the outcome is <see cref="AssistOutcome.Ok"/>.</summary>
    public bool Succeeded => Usage.Outcome == AssistOutcome.Ok;
}
