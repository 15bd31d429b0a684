using Realign.Core.Truth;

namespace Realign.Vault.Tests;

/// <summary>Writes by the automations and assistants a vault runs (levels 2-5), and promoting what they create.</summary>
public sealed class AssistantWriteTests
{
    private static readonly OriginSource LanModel = OriginSource.Parse("ai-lan:llama3");
    private static readonly OriginSource LocalModel = OriginSource.Parse("ai-local:builtin");

    private static KeyValuePair<string, string> F(string name, string json) => new(name, json);

    [Fact]
    public async Task LanModelWriteOnUserNote_IsASuggestionAtLevelFour_OnEveryReplica()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        a.Put("note", "n1", """{"title":"Mine","body":"text"}""");
        a.PutAs(LanModel, "note", "n1", [F("title", "\"Model's\""), F("summary", "\"short\"")]);
        await ca.SyncAsync();
        await cb.SyncAsync();
        foreach (var v in new[] { a, b })
        {
            var note = v.Get("note", "n1")!;
            Assert.Equal("Mine", note.Text("title"));
            Assert.Equal("short", note.Text("summary"));
            Assert.Equal(TruthLevel.AiLan, note.State.FindField("summary")!.Effective!.Value.Stamp.Level);
            var s = Assert.Single(v.Suggestions());
            Assert.Equal(("title", TruthLevel.AiLan, "ai-lan:llama3"), (s.Field, s.Level, s.Source));
        }

        Assert.Equal(TruthLevel.User, rig.Server.Entity("note", "n1")!.FindField("title")!.Effective!.Value.Stamp.Level);
        Rig.AssertMatchesServer(a, rig.Server);
        Rig.AssertConverged(a, b);
    }

    [Fact]
    public async Task UserEditAndModelWriteBeforeOneSync_TravelAsSeparateItems_NeitherTakesTheOthersLevel()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        a.Put("note", "n1", """{"title":"Mine"}""");
        a.PutAs(LanModel, "note", "n1", [F("body", "\"filled by the model\"")]);
        a.Put("note", "n1", """{"title":"Mine, edited"}""");
        Assert.Equal(3, a.Status().OutboxCount);
        await ca.SyncAsync();
        var server = rig.Server.Entity("note", "n1")!;
        Assert.Equal(TruthLevel.User, server.FindField("title")!.Effective!.Value.Stamp.Level);
        Assert.Equal(TruthLevel.AiLan, server.FindField("body")!.Effective!.Value.Stamp.Level);
        Assert.Equal("ai-lan:llama3", server.FindField("body")!.Effective!.Value.Stamp.Origin);
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Theory]
    [InlineData("owner_id")]
    [InlineData("Permissions")]
    public void ProtectedField_RefusedBelowLevelOne_NothingStoredOrQueued(string field)
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        var ex = Assert.Throws<VaultException>(() => a.PutAs(OriginSource.Parse("automation:rule-r1"), "note", "n1", [F(field, "\"x\"")]));
        Assert.Contains("protected field", ex.Message, StringComparison.Ordinal);
        Assert.Null(a.Get("note", "n1"));
        Assert.Equal(0, a.Status().OutboxCount);
    }

    [Fact]
    public void LevelOneOriginAndKeyRecord_Refused()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        Assert.Throws<VaultException>(() => a.PutAs(OriginSource.Parse("user:desktop"), "note", "n1", [F("title", "\"x\"")]));
        Assert.Throws<VaultException>(() => a.DeleteAs(LocalModel, "vault-key", "tenant"));
        Assert.Equal(0, a.Status().OutboxCount);
    }

    [Fact]
    public async Task ModelDeleteOfUserNote_IsADeleteSuggestion()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        a.Put("note", "n1", """{"title":"keep"}""");
        a.DeleteAs(OriginSource.Parse("automation:rule-tidy"), "note", "n1");
        await ca.SyncAsync();
        Assert.False(a.Get("note", "n1")!.IsDeleted);
        Assert.Equal("_deleted", Assert.Single(a.Suggestions()).Field);
        Assert.False(rig.Server.Entity("note", "n1")!.IsDeleted);
    }

    [Fact]
    public async Task SuggestedTask_PromotedWithEdit_IsLevelOneWithTheModelInItsChain_Everywhere()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        a.PutAs(LocalModel, "task", "t1", [F("title", "\"Call the plumber\""), F("done", "false"), F("source_id", "\"n1\"")]);
        a.Put("note", "n1", """{"title":"a user note"}""");
        await ca.SyncAsync();
        await cb.SyncAsync();
        Assert.Equal("t1", Assert.Single(b.SuggestedEntities()).EntityId);

        b.Promote("task", "t1", [F("title", "\"Call the plumber on Monday\"")]);
        Assert.Empty(b.SuggestedEntities());
        await cb.SyncAsync();
        await ca.SyncAsync();
        foreach (var v in new[] { a, b })
        {
            var task = v.Get("task", "t1")!;
            Assert.Equal("Call the plumber on Monday", task.Text("title"));
            foreach (var name in new[] { "title", "done", "source_id" })
            {
                var register = task.State.FindField(name)!.Effective!.Value;
                Assert.Equal(TruthLevel.User, register.Stamp.Level);
                Assert.Equal("ai-local:builtin", register.AcceptedFrom);
            }

            Assert.Contains(task.State.OriginChain, p => p.Source == "ai-local:builtin");
            Assert.Empty(v.SuggestedEntities());
        }

        Rig.AssertMatchesServer(a, rig.Server);
        Rig.AssertConverged(a, b);
    }

    [Fact]
    public async Task PromotedDraft_LaterModelWritesAndItsDerivedSummary_StaySubordinate()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        a.PutAs(LanModel, "note", "d1", [F("title", "\"Draft\""), F("body", "\"draft text\"")]);
        a.PutAs(LanModel, "summary", "s1", [F("text", "\"a summary\""), F("source_id", "\"d1\"")]);
        Assert.Equal(["d1"], a.SuggestedEntities().Select(e => e.EntityId));
        a.Promote("note", "d1");
        a.PutAs(LanModel, "note", "d1", [F("body", "\"the model's second thoughts\"")]);
        await ca.SyncAsync();
        var note = a.Get("note", "d1")!;
        Assert.Equal("draft text", note.Text("body"));
        Assert.Equal("body", Assert.Single(a.Suggestions()).Field);
        Assert.Equal(TruthLevel.AiLan, a.Get("summary", "s1")!.State.FindField("text")!.Effective!.Value.Stamp.Level);
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task SuggestedTask_Discarded_IsDeletedAtLevelOne()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        a.PutAs(OriginSource.Parse("automation:rule-r1"), "task", "t1", [F("title", "\"noise\"")]);
        a.Discard("task", "t1");
        await ca.SyncAsync();
        Assert.True(a.Get("task", "t1")!.IsDeleted);
        Assert.Equal(TruthLevel.User, a.Get("task", "t1")!.State.Deleted.Effective!.Value.Stamp.Level);
        Assert.True(rig.Server.Entity("task", "t1")!.IsDeleted);
        Assert.Empty(a.SuggestedEntities());
    }

    [Fact]
    public void PromoteOrDiscard_OfAUserEntityOrAMissingOne_ClearErrorNothingQueued()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        a.Put("task", "t1", """{"title":"mine"}""");
        var queued = a.Status().OutboxCount;
        Assert.Contains("not a suggested entity", Assert.Throws<VaultException>(() => a.Promote("task", "t1")).Message, StringComparison.Ordinal);
        Assert.Contains("not a suggested entity", Assert.Throws<VaultException>(() => a.Discard("task", "t1")).Message, StringComparison.Ordinal);
        Assert.Contains("no task 'nope'", Assert.Throws<VaultException>(() => a.Promote("task", "nope")).Message, StringComparison.Ordinal);
        Assert.Equal(queued, a.Status().OutboxCount);
    }
}
