using System.Text.Json;

namespace Realign.EndToEnd.Tests.Harness;

public sealed record Reply(int Status, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Code => Body.StartsWith('{') && Json.TryGetProperty("code", out var c) ? c.GetString() : null;

    public bool Ok => Status is >= 200 and < 300;
}
