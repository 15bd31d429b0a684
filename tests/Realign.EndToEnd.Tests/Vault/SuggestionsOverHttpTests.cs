using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class SuggestionsOverHttpTests
{
    [Fact]
    public async Task AiCloudWriteToUserNote_AcceptAcceptEditReject_SameOutcomeOnServerAndBothVaults()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var ai = await tenant.TokenAsync(PrincipalKind.AiCloud);
        var a = await tenant.NewVaultAsync("a", "desktop");
        var b = await tenant.NewVaultAsync("b", "web");
        foreach (var id in new[] { "n1", "n2", "n3" })
        {
            a.Vault.Put("note", id, $$"""{"title":"user {{id}}","body":"user body {{id}}"}""");
        }

        await a.SyncAsync();
        var pushed = await tenant.PushAsync(ai, AiItem("n1", "title", "ai title 1"), AiItem("n2", "title", "ai title 2"), AiItem("n3", "body", "ai body 3"));
        Assert.All(pushed.Results, r => Assert.Equal(ItemOutcome.Proposal, r.Outcome));
        await a.SyncAsync();
        await b.SyncAsync();

        foreach (var v in new[] { a, b })
        {
            var shown = v.Vault.Suggestions().OrderBy(s => s.EntityId).ToList();
            Assert.Equal(["n1", "n2", "n3"], shown.Select(s => s.EntityId));
            Assert.All(shown, s => Assert.Equal(TruthLevel.AiCloud, s.Level));
            Assert.All(shown, s => Assert.Equal("ai-cloud:llm", s.Source));
            Assert.Equal("\"ai title 1\"", shown[0].ProposedJson);
            Assert.Equal("\"user n1\"", shown[0].CurrentJson);
            Assert.Equal("user n1", v.Vault.Get("note", "n1")!.Text("title"));
        }

        var byId = a.Vault.Suggestions().ToDictionary(s => s.EntityId, s => s.Id);
        Assert.Equal(3, (await tenant.ProposalsAsync(a.Token, "pending")).Count);
        a.Vault.Accept(byId["n1"]);
        a.Vault.Accept(byId["n2"], "\"title 2 edited by the user\"");
        a.Vault.Reject(byId["n3"]);
        await a.SyncAsync();
        await b.SyncAsync();

        var n1 = (await tenant.StateAsync("note", "n1"))!;
        Assert.Equal("\"ai title 1\"", n1.FindField("title")!.Effective!.Value.Value);
        Assert.Equal(TruthLevel.User, n1.TruthLevel);
        Assert.True(n1.AcceptedByUser);
        Assert.Equal("\"title 2 edited by the user\"", (await tenant.StateAsync("note", "n2"))!.FindField("title")!.Effective!.Value.Value);
        Assert.Equal("\"user body n3\"", (await tenant.StateAsync("note", "n3"))!.FindField("body")!.Effective!.Value.Value);
        var heads = (await tenant.PullAllAsync(b.Token)).ToDictionary(h => h.EntityId!);
        Assert.True(heads["n1"].AcceptedByUser);
        Assert.Equal(1, heads["n1"].TruthLevel);

        foreach (var v in new[] { a, b })
        {
            var e1 = v.Vault.Get("note", "n1")!;
            Assert.Equal("ai title 1", e1.Text("title"));
            Assert.Equal(TruthLevel.User, e1.State.TruthLevel);
            Assert.True(e1.State.AcceptedByUser);
            Assert.Equal("title 2 edited by the user", v.Vault.Get("note", "n2")!.Text("title"));
            Assert.Equal("user body n3", v.Vault.Get("note", "n3")!.Text("body"));
            Assert.Empty(v.Vault.Suggestions());
        }

        Assert.Empty(await tenant.ProposalsAsync(b.Token, "pending"));
        var all = await tenant.ProposalsAsync(b.Token, "all");
        Assert.DoesNotContain(all, p => p.Status == "pending");
        Assert.Contains(all, p => p.EntityId == "n3" && p.Status == "rejected");
        await Converge.AssertIdenticalAsync(tenant, a, b);
    }

    private static SyncItem AiItem(string id, string field, string text) => new()
    {
        EntityType = "note",
        EntityId = id,
        TruthLevel = 5,
        OriginSource = "ai-cloud:llm",
        LastModifiedAt = UtcMicros.Format(UtcMicros.From(DateTimeOffset.UtcNow)),
        Payload = JsonValues.Parse($$"""{"{{field}}":{{System.Text.Json.JsonSerializer.Serialize(text)}}}"""),
    };
}
