using System.Globalization;
using System.Text.Json.Nodes;

namespace Realign.EndToEnd.Tests.Harness;

public static class Wire
{
    private static readonly DateTimeOffset Origin = DateTimeOffset.UtcNow.AddHours(-2);

    public static string At(long second) => Origin.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static JsonObject Item(string id, int level, string origin, long second, string payloadJson, string type = "note") => new()
    {
        ["entity_type"] = type,
        ["entity_id"] = id,
        ["truth_level"] = level,
        ["origin_source"] = origin,
        ["last_modified_at"] = At(second),
        ["payload"] = JsonNode.Parse(payloadJson),
    };

    public static JsonObject With(this JsonObject item, string name, JsonNode? value)
    {
        item[name] = value;
        return item;
    }

    public static string Batch(string batchId, params JsonObject[] items) =>
        new JsonObject { ["batch_id"] = batchId, ["items"] = new JsonArray(items) }.ToJsonString();

    public static string Batch(params JsonObject[] items) => Batch(Guid.NewGuid().ToString("N"), items);
}
