using System.Text.Json.Nodes;

namespace Realign.Server.Tests;

internal static class Items
{
    private static readonly DateTimeOffset Origin = DateTimeOffset.UtcNow.AddHours(-1);

    public static string At(int second) => Origin.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static JsonObject Item(string id, int level, string origin, int second, string payloadJson, string type = "note") => new()
    {
        ["entity_type"] = type,
        ["entity_id"] = id,
        ["truth_level"] = level,
        ["origin_source"] = origin,
        ["last_modified_at"] = At(second),
        ["payload"] = JsonNode.Parse(payloadJson),
    };

    public static JsonObject User(string id, int second, string payloadJson) => Item(id, 1, "user:desktop", second, payloadJson);

    public static JsonObject Ai(string id, int second, string payloadJson) => Item(id, 5, "ai-cloud:llm", second, payloadJson);

    public static JsonObject With(this JsonObject item, string name, JsonNode? value)
    {
        item[name] = value;
        return item;
    }

    public static string Batch(string batchId, params JsonObject[] items) =>
        new JsonObject { ["batch_id"] = batchId, ["items"] = new JsonArray(items) }.ToJsonString();

    public static string Batch(params JsonObject[] items) => Batch(Guid.NewGuid().ToString("N"), items);
}
