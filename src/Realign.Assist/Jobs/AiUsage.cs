using System.Globalization;
using System.Text.Json;
using Realign.Core.Truth;

namespace Realign.Assist.Jobs;

/// <summary>The record every job leaves (entity type <c>ai-usage</c>, synced like any entity): who ran it, at what level,
/// what it could read, how many values were redacted, the tokens the provider reported, how long it took and how it ended.</summary>
/// <param name="Id">The record's entity id.</param>
/// <param name="Provider">The provider's configured name.</param>
/// <param name="Model">The model.</param>
/// <param name="Level">The level its outputs are written at.</param>
/// <param name="Origin">The origin its outputs carry.</param>
/// <param name="Exposure">What the level could read: <c>full</c>, <c>redacted</c>, <c>vectors</c> or <c>none</c>.</param>
/// <param name="Redactions">How many distinct values were replaced by placeholders before the text left.</param>
/// <param name="TokensIn">Input tokens as the provider reported them (null when it did not).</param>
/// <param name="TokensOut">Output tokens as the provider reported them.</param>
/// <param name="LatencyMs">Wall time of the call in milliseconds.</param>
/// <param name="Outcome">One of <see cref="AssistOutcome"/>.</param>
/// <param name="Error">A short reason when the outcome is not <c>ok</c>.</param>
/// <param name="Job">The job.</param>
/// <param name="Source">The source entity's type, id and version.</param>
/// <param name="AtMicros">When the call started (UTC microseconds).</param>
/// <param name="Items">How many sources the call covered (an embedding run takes many at once; 1 otherwise).</param>
public sealed record AiUsage(
    string Id,
    string Provider,
    string Model,
    TruthLevel Level,
    string Origin,
    string Exposure,
    int Redactions,
    long? TokensIn,
    long? TokensOut,
    long LatencyMs,
    string Outcome,
    string? Error,
    AssistJob Job,
    (string Type, string Id, long Version) Source,
    long AtMicros,
    int Items = 1)
{
    /// <summary>The entity type of usage records.</summary>
    public const string EntityType = "ai-usage";

    /// <summary>The record as entity fields (compact JSON), in name order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToFields()
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("at", Json(UtcMicros.Format(AtMicros))),
            new("error", Error is null ? "null" : Json(Error)),
            new("exposure", Json(Exposure)),
            new("items", Number(Items)),
            new("job", Json(Job.ToName())),
            new("latency_ms", Number(LatencyMs)),
            new("level", Number((int)Level)),
            new("model", Json(Model)),
            new("origin", Json(Origin)),
            new("outcome", Json(Outcome)),
            new("provider", Json(Provider)),
            new("redactions", Number(Redactions)),
            new("source_id", Json(Source.Id)),
            new("source_type", Json(Source.Type)),
            new("source_version", Number(Source.Version)),
            new("tokens_in", TokensIn is { } i ? Number(i) : "null"),
            new("tokens_out", TokensOut is { } o ? Number(o) : "null"),
        };
        return fields;
    }

    internal static string Json(string text) => JsonSerializer.Serialize(text, AssistJsonContext.Default.String);

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
