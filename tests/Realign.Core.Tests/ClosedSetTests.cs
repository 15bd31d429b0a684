using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Core.Tests;

/// <summary>Outcomes and vault modes are closed sets: every member round-trips by its wire name; anything else is an error that names it.</summary>
public sealed class ClosedSetTests
{
    [Theory]
    [InlineData(ItemOutcome.Applied, "applied")]
    [InlineData(ItemOutcome.Proposal, "proposal")]
    [InlineData(ItemOutcome.Conflict, "conflict")]
    [InlineData(ItemOutcome.Discarded, "discarded")]
    [InlineData(ItemOutcome.Duplicate, "duplicate")]
    public void Outcomes_TravelByTheirWireNames(ItemOutcome outcome, string wire)
    {
        var json = JsonSerializer.Serialize(new ResolveResponse(outcome, 3, "note", "n1"), RealignJsonContext.Default.ResolveResponse);
        Assert.Contains($"\"outcome\":\"{wire}\"", json, StringComparison.Ordinal);
        Assert.Equal(outcome, JsonSerializer.Deserialize(json, RealignJsonContext.Default.ResolveResponse)!.Outcome);
    }

    [Theory]
    [InlineData("Applied")]
    [InlineData("merged")]
    [InlineData("")]
    public void AnUnknownOutcome_IsAnErrorNamingIt(string wire)
    {
        var json = $$"""{"outcome":"{{wire}}","version":1,"entity_type":"note","entity_id":"n1"}""";
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, RealignJsonContext.Default.ResolveResponse));
        Assert.Contains($"'{wire}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownOutcomeInAPushReply_IsAnError()
    {
        var json = """{"batch_id":"b1","results":[{"index":0,"entity_type":"note","entity_id":"n1","outcome":"maybe","version":1}],"cursor":1}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, RealignJsonContext.Default.PushResponse));
    }

    [Theory]
    [InlineData(VaultMode.LocalFirst, "local_first")]
    [InlineData(VaultMode.CloudFirst, "cloud_first")]
    public void VaultModes_TravelByTheirWireNames(VaultMode mode, string wire)
    {
        var me = new MeResponse("t1", "T", mode, "p1", "user_device", "desktop", true, [1], ["user:desktop"]);
        var json = JsonSerializer.Serialize(me, RealignJsonContext.Default.MeResponse);
        Assert.Contains($"\"vault_mode\":\"{wire}\"", json, StringComparison.Ordinal);
        Assert.Equal(mode, JsonSerializer.Deserialize(json, RealignJsonContext.Default.MeResponse)!.VaultMode);
    }

    [Fact]
    public void AnUnknownVaultMode_IsAnErrorNamingIt()
    {
        var json = """{"tenant_id":"t1","tenant_name":"T","vault_mode":"local-first-v2","principal_id":"p","kind":"user_device","channel":"desktop","can_accept":true,"levels":[1],"origin_prefixes":[]}""";
        var ex = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, RealignJsonContext.Default.MeResponse));
        Assert.Contains("local-first-v2", ex.Message, StringComparison.Ordinal);
    }
}
