using System.Text.Json;

namespace Realign.Server.Tests;

public sealed record Reply(int Status, string Body, TimeSpan? RetryAfter, string? MediaType)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Code => Json.TryGetProperty("code", out var c) ? c.GetString() : null;
}
