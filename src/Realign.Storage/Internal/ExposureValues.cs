using System.Text.Json;
using System.Text.Json.Nodes;
using Realign.Core.Contract;

namespace Realign.Storage.Internal;

/// <summary>The stored form of an exposure policy (<c>tenant_settings.value</c>): <c>{"local":"full","lan":"full","cloud":"none"}</c>.</summary>
internal static class ExposureValues
{
    public static JsonObject ToNode(ExposurePolicy policy) => new()
    {
        [ExposurePolicies.LocalName] = policy.Local.ToWire(),
        [ExposurePolicies.LanName] = policy.Lan.ToWire(),
        [ExposurePolicies.CloudName] = policy.Cloud.ToWire(),
    };

    public static string ToJson(ExposurePolicy policy) => ToNode(policy).ToJsonString();

    /// <summary>Parses a stored value; a level that is missing or not an exposure is a <see cref="FormatException"/> naming
    /// it (a store written by a newer release, or edited by hand), never a guess.</summary>
    public static ExposurePolicy FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ExposurePolicy(Level(root, ExposurePolicies.LocalName), Level(root, ExposurePolicies.LanName), Level(root, ExposurePolicies.CloudName));
    }

    private static Exposure Level(JsonElement root, string name) =>
        Exposures.Parse(root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null,
            "tenant_settings.exposure." + name);
}
