using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Storage;
using Realign.Vault.Crypto;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class EncryptedInboxOverHttpTests
{
    [Fact]
    public async Task EncryptedTenant_AiProposalsAcceptedRejectedAndConflictsResolved_SealedOnServerSameOnBothVaults()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server, VaultMode.LocalFirst);
        var ai = await tenant.TokenAsync(PrincipalKind.AiCloud);
        var a = await tenant.NewVaultAsync("a", "desktop");
        var b = await tenant.NewVaultAsync("b", "web");
        await a.SyncAsync();
        a.Vault.UnlockWithPassphrase("inbox words", KeyParameters.CreateNew(memoryKib: 8192, iterations: 1));
        foreach (var id in new[] { "n1", "n2", "n3", "n4", "n5" })
        {
            a.Vault.Put("note", id, $$"""{"title":"user {{id}}","body":"body {{id}}"}""");
        }

        await a.SyncAsync();
        await b.SyncAsync();
        b.Vault.UnlockWithPassphrase("inbox words");

        var now = UtcMicros.Format(UtcMicros.From(DateTimeOffset.UtcNow));
        var pushed = await tenant.PushAsync(
            ai,
            new SyncItem { EntityType = "note", EntityId = "n1", TruthLevel = 5, OriginSource = "ai-cloud:llm", LastModifiedAt = now, Payload = JsonValues.Parse("""{"title":"ai title"}""") },
            new SyncItem { EntityType = "note", EntityId = "n2", TruthLevel = 5, OriginSource = "ai-cloud:llm", LastModifiedAt = now, Deleted = true },
            new SyncItem { EntityType = "note", EntityId = "n3", TruthLevel = 5, OriginSource = "ai-cloud:llm", LastModifiedAt = now, Payload = JsonValues.Parse("""{"body":"ai body"}""") });
        Assert.All(pushed.Results, r => Assert.Equal(ItemOutcome.Proposal, r.Outcome));
        await a.SyncAsync();
        var shown = a.Vault.Suggestions().ToDictionary(s => s.EntityId);
        Assert.Equal("\"ai title\"", shown["n1"].ProposedJson);
        Assert.Equal("\"user n1\"", shown["n1"].CurrentJson);
        Assert.Equal("_deleted", shown["n2"].Field);
        a.Vault.Accept(shown["n1"].Id);
        a.Vault.Accept(shown["n2"].Id);
        a.Vault.Reject(shown["n3"].Id);

        a.Vault.Put("note", "n4", """{"title":"n4 from A"}""");
        b.Vault.Put("note", "n4", """{"title":"n4 from B"}""");
        a.Vault.Put("note", "n5", """{"body":"n5 from A"}""");
        b.Vault.Put("note", "n5", """{"body":"n5 from B"}""");
        await a.SyncAsync();
        await b.SyncAsync();
        await a.SyncAsync();

        var conflicts = a.Vault.Conflicts().ToDictionary(c => c.EntityId!);
        Assert.Equal(2, conflicts.Count);
        Assert.Equal(2, b.Vault.Conflicts().Count);
        Assert.Contains(conflicts["n4"].Loser!.Value!.Value.GetString(), new[] { "n4 from A", "n4 from B" });
        await a.Client.ResolveAsync(new ResolveRequest { ConflictId = conflicts["n4"].ConflictId, Value = a.Vault.SealForResolve("note", "n4", "title", "n4 merged") });
        var loserOfN5 = conflicts["n5"].Loser!.Value!.Value.GetString();
        await a.Client.ResolveAsync(new ResolveRequest { ConflictId = conflicts["n5"].ConflictId, Keep = "loser" });
        await b.SyncAsync();

        foreach (var v in new[] { a, b })
        {
            Assert.Equal("ai title", v.Vault.Get("note", "n1")!.Text("title"));
            Assert.True(v.Vault.Get("note", "n1")!.State.AcceptedByUser);
            Assert.True(v.Vault.Get("note", "n2")!.IsDeleted);
            Assert.Equal("body n3", v.Vault.Get("note", "n3")!.Text("body"));
            Assert.Equal("n4 merged", v.Vault.Get("note", "n4")!.Text("title"));
            Assert.Equal(loserOfN5, v.Vault.Get("note", "n5")!.Text("body"));
            Assert.Empty(v.Vault.Suggestions());
            Assert.Empty(v.Vault.Conflicts());
        }

        Assert.Empty(await tenant.ProposalsAsync(a.Token, "pending"));
        foreach (var (id, field) in new[] { ("n1", "title"), ("n4", "title"), ("n5", "body") })
        {
            Assert.StartsWith("\"rl1:", (await tenant.StateAsync("note", id))!.FindField(field)!.Effective!.Value.Value, StringComparison.Ordinal);
        }

        await Converge.AssertIdenticalAsync(tenant, a, b);
    }
}
