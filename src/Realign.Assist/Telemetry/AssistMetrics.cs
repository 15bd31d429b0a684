using System.Diagnostics.Metrics;
using Realign.Assist.Jobs;

namespace Realign.Assist.Telemetry;

/// <summary>The AI calls of this process as metrics (meter <c>Realign.Assist</c>): one count per call and the tokens the
/// provider reported, by level (3 local, 4 LAN, 5 cloud), job and outcome. Every call is counted where its usage record is
/// made, so the figures and the <c>ai-usage</c> records agree. No text, prompt or entity id is ever a tag.</summary>
public static class AssistMetrics
{
    /// <summary>The meter's name, for an OpenTelemetry meter provider.</summary>
    public const string MeterName = "Realign.Assist";

    private static readonly Meter Meter = new(MeterName, typeof(AssistMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Calls = Meter.CreateCounter<long>("realign.ai.calls", "{call}", "AI calls by level, job and outcome");

    private static readonly Counter<long> Tokens = Meter.CreateCounter<long>("realign.ai.tokens", "{token}", "Tokens the providers reported, by level and direction (input, output)");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram("realign.ai.duration", "s", "Wall time of AI calls, by level and job",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    /// <summary>Counts the call <paramref name="usage"/> records, and returns it.</summary>
    public static AiUsage Record(AiUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var level = new KeyValuePair<string, object?>("realign.level", (int)usage.Level);
        var job = new KeyValuePair<string, object?>("realign.job", usage.Job.ToString().ToLowerInvariant());
        Calls.Add(1, level, job, new KeyValuePair<string, object?>("realign.outcome", usage.Outcome));
        Duration.Record(usage.LatencyMs / 1000.0, level, job);
        if (usage.TokensIn is { } tokensIn)
        {
            Tokens.Add(tokensIn, level, new KeyValuePair<string, object?>("realign.direction", "input"));
        }

        if (usage.TokensOut is { } tokensOut)
        {
            Tokens.Add(tokensOut, level, new KeyValuePair<string, object?>("realign.direction", "output"));
        }

        return usage;
    }
}
