using Realign.Assist.Hosting;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Vault.Assist;
using Realign.Vault.Crypto;

namespace Realign.Vault.Tests;

/// <summary>Assistants running in a vault: their outputs are suggestions at the provider's level, synced like any write;
/// a user value is never replaced; a failure writes only its usage record.</summary>
public sealed class VaultAssistTests
{
    private const string Body = "The boiler knocks every morning. The plumber says the valve is worn.\n\n- [ ] Call the plumber due 2026-12-10\nTODO: order a spare valve\n";

    private static Assistant Builtin() => new(ProviderCheck.Validate(ProviderNames.Builtin), Exposure.Full);

    private static Assistant Lan(ModelLoopbackServer server, Exposure exposure = Exposure.Full) =>
        new(ProviderCheck.Validate(new ProviderOptions("gpu", ProviderKind.OpenAi, ProviderPlacement.Lan, server.Endpoint, "llama3")), exposure);

    [Fact]
    public async Task BuiltinTasks_AreSuggestedTasksAtLevelThree_WithAUsageRecord_OnTheServerToo()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        a.Put("note", "n1", $$"""{"title":"Boiler","body":{{LocalVault.JsonString(Body)}}}""");
        using var assistant = Builtin();
        var result = await AssistRunner.RunAsync(new VaultAssistReplica(a), assistant, AssistJob.Tasks, "note", "n1");
        await ca.SyncAsync();

        Assert.Equal(2, result.Outputs.Count);
        var suggested = a.SuggestedEntities();
        Assert.Equal(2, suggested.Count);
        Assert.All(suggested, t =>
        {
            Assert.Equal("task", t.EntityType);
            Assert.Equal(TruthLevel.AiLocal, t.State.TruthLevel);
            Assert.Equal("n1", t.Text("source_id"));
            Assert.Equal(TruthLevel.AiLocal, rig.Server.Entity("task", t.EntityId)!.TruthLevel);
        });
        var usage = Assert.Single(a.List(AiUsage.EntityType));
        Assert.Equal("ok", usage.Text("outcome"));
        Assert.Equal("tasks", usage.Text("job"));
        Assert.False(Realign.Core.Rules.Resolutions.IsSuggestedEntity(usage.State));
        Assert.NotNull(rig.Server.Entity(AiUsage.EntityType, usage.EntityId));
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task LanTags_OnAUserNote_AreASuggestion_Accepted_ThenALaterUserEditIsNeverReplaced()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        server.Answer = _ => ModelAnswer.Text("""{"tags":["plumbing","boiler"]}""");
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        a.Put("note", "n1", $$"""{"title":"Boiler","body":{{LocalVault.JsonString(Body)}},"tags":["home"]}""");
        using var assistant = Lan(server);
        var replica = new VaultAssistReplica(a);
        await AssistRunner.RunAsync(replica, assistant, AssistJob.Tags, "note", "n1");
        await ca.SyncAsync();
        await cb.SyncAsync();

        var suggestion = Assert.Single(b.Suggestions());
        Assert.Equal(("tags", TruthLevel.AiLan, "ai-lan:llama3"), (suggestion.Field, suggestion.Level, suggestion.Source));
        Assert.Equal("""["home","plumbing","boiler"]""", suggestion.ProposedJson);
        b.Accept(suggestion.Id);
        await cb.SyncAsync();
        await ca.SyncAsync();
        var accepted = a.Get("note", "n1")!.State.FindField("tags")!.Effective!.Value;
        Assert.Equal((TruthLevel.User, "ai-lan:llama3"), (accepted.Stamp.Level, accepted.AcceptedFrom));

        a.Put("note", "n1", """{"tags":["home","mine"]}""");
        server.Answer = _ => ModelAnswer.Text("""{"tags":["boiler","urgent"]}""");
        await AssistRunner.RunAsync(replica, assistant, AssistJob.Tags, "note", "n1");
        await ca.SyncAsync();
        await cb.SyncAsync();
        foreach (var v in new[] { a, b })
        {
            Assert.Equal("""["home","mine"]""", v.Get("note", "n1")!.Payload["tags"]);
            Assert.Equal(TruthLevel.AiLan, Assert.Single(v.Suggestions()).Level);
        }

        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task ProviderError_WritesOnlyTheUsageRecord()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        server.Answer = _ => ModelAnswer.Error(500);
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        a.Put("note", "n1", """{"title":"t","body":"some text here."}""");
        var queued = a.Status().OutboxCount;
        using var assistant = Lan(server);
        var result = await AssistRunner.RunAsync(new VaultAssistReplica(a), assistant, AssistJob.Summarise, "note", "n1");

        Assert.Equal(AssistOutcome.ProviderError, result.Usage.Outcome);
        Assert.Empty(a.List("summary"));
        Assert.Empty(a.Suggestions());
        Assert.Equal("provider-error", Assert.Single(a.List(AiUsage.EntityType)).Text("outcome"));
        Assert.Equal(queued + 1, a.Status().OutboxCount);
    }

    [Fact]
    public async Task LocalFirstVault_ByDefault_SendsNothingToACloudModel()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        using var rig = new Rig("local_first");
        var (a, _, _) = rig.NewVault("a");
        a.UnlockWithPassphrase("correct horse", KeyParameters.CreateNew(memoryKib: 8192, iterations: 1));
        a.Put("note", "n1", """{"title":"Secret plan","body":"meet at dawn."}""");
        var policy = a.ExposurePolicy;
        Assert.Equal(Exposure.None, policy.Cloud);
        using var assistant = new Assistant(ProviderCheck.Validate(new ProviderOptions("proxy", ProviderKind.OpenAi, ProviderPlacement.Cloud, server.Endpoint, "gpt")), policy.For(TruthLevel.AiCloud));
        var result = await AssistRunner.RunAsync(new VaultAssistReplica(a), assistant, AssistJob.Summarise, "note", "n1");

        Assert.Equal(AssistOutcome.NotExposed, result.Usage.Outcome);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task LockedLocalFirstVault_NeverSendsCiphertext()
    {
        await using var server = await ModelLoopbackServer.StartAsync();
        using var rig = new Rig("local_first");
        var (a, ca, _) = rig.NewVault("a");
        a.UnlockWithPassphrase("correct horse", KeyParameters.CreateNew(memoryKib: 8192, iterations: 1));
        a.Put("note", "n1", """{"title":"Secret plan","body":"meet at dawn."}""");
        await ca.SyncAsync();
        var (b, cb, _) = rig.NewVault("b", "cli");
        await cb.SyncAsync();
        using var assistant = Lan(server);
        var locked = await Assert.ThrowsAsync<VaultException>(() => AssistRunner.RunAsync(new VaultAssistReplica(b), assistant, AssistJob.Summarise, "note", "n1"));
        Assert.Contains("locked", locked.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Empty(b.List(AiUsage.EntityType));
    }

    [Fact]
    public async Task ARefusedOutput_WritesNothing_NotEvenTheUsageRecord()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        a.Put("note", "n1", """{"title":"t"}""");
        var queued = a.Status().OutboxCount;
        var replica = new VaultAssistReplica(a);
        await Assert.ThrowsAsync<AssistWriteRefusedException>(() => replica.WriteAsync(
            OriginSource.Parse("ai-local:builtin"),
            [new ReplicaWrite("summary", "s1", [new("text", "\"fine\"")]), new ReplicaWrite("note", "n1", [new("owner_id", "\"me\"")])]));
        Assert.Null(a.Get("summary", "s1"));
        Assert.Equal(queued, a.Status().OutboxCount);
    }
}
