using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Core.Tests;

public sealed class WireTests
{
    private static SyncItem Parse(string json) => JsonSerializer.Deserialize(json, RealignJsonContext.Default.SyncItem)!;

    [Fact]
    public void SyncItem_UsesTheSnakeCaseNamesOfTheContract()
    {
        var item = Parse("""
            {"entity_type":"note","entity_id":"n1","tenant_id":"t1","truth_level":1,"origin_source":"user:desktop",
             "origin_chain":[],"version":7,"last_modified_at":"2025-11-24T16:00:00Z","payload":{"title":"x"},"deleted":false,
             "accepted_by_user":false,"base_version":6}
            """);
        Assert.Equal("note", item.EntityType);
        Assert.Equal(7, item.Version);
        Assert.Equal(6, item.BaseVersion);

        var written = JsonSerializer.Serialize(item, RealignJsonContext.Default.SyncItem);
        foreach (var name in new[] { "entity_type", "entity_id", "tenant_id", "truth_level", "origin_source", "origin_chain", "version", "last_modified_at", "payload", "deleted", "accepted_by_user", "base_version" })
        {
            Assert.Contains($"\"{name}\":", written, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnknownMember_IsAnErrorNamingIt()
    {
        var ex = Assert.Throws<JsonException>(() => Parse("""{"entity_type":"note","truth_levle":1}"""));
        Assert.Contains("truth_levle", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongType_IsAnErrorNamingThePath()
    {
        var ex = Assert.Throws<JsonException>(() => Parse("""{"truth_level":"one"}"""));
        Assert.Contains("truth_level", ex.Path ?? ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateProperty_IsAnError()
    {
        Assert.Throws<JsonException>(() => Parse("""{"truth_level":1,"truth_level":5}"""));
    }

    [Fact]
    public void HugeNumber_IsAnErrorNotAnOverflow()
    {
        Assert.Throws<JsonException>(() => Parse("""{"truth_level":99999999999999999999999}"""));
    }
}
