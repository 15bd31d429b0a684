using System.Text.Json;

namespace Realign.Testing;

/// <summary>One HTTP reply as the tests read it: status, body, and the headers some tests assert on.</summary>
public sealed record Reply(int Status, string Body, TimeSpan? RetryAfter = null, string? MediaType = null)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Code => Body.StartsWith('{') && Json.TryGetProperty("code", out var c) ? c.GetString() : null;

    public bool Ok => Status is >= 200 and < 300;
}
