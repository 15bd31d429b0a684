using Realign.Core.Truth;

namespace Realign.Vault.Tests;

public sealed class SuggestionTests
{
    private static async Task<(Rig Rig, LocalVault A, Realign.Vault.Sync.SyncClient Ca, LocalVault B, Realign.Vault.Sync.SyncClient Cb, string ProposalId)> ProposedAsync()
    {
        var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        a.Put("note", "n1", """{"title":"My title","body":"text"}""");
        await ca.SyncAsync();
        rig.Server.PushItems(rig.AiToken(), Rig.AiItem("note", "n1", """{"title":"AI title"}""", DateTimeOffset.UtcNow.AddSeconds(1)));
        await ca.SyncAsync();
        await cb.SyncAsync();
        var suggestion = Assert.Single(a.Suggestions());
        return (rig, a, ca, b, cb, suggestion.Id);
    }

    [Fact]
    public async Task AiWriteToUserNote_ArrivesAsSuggestion_UserValueStays()
    {
        var (rig, a, _, b, _, id) = await ProposedAsync();
        using var _ = rig;
        var s = Assert.Single(b.Suggestions());
        Assert.Equal(id, s.Id);
        Assert.Equal(TruthLevel.AiCloud, s.Level);
        Assert.Equal("ai-cloud:llm", s.Source);
        Assert.Equal("\"AI title\"", s.ProposedJson);
        Assert.Equal("My title", a.Get("note", "n1")!.Text("title"));
    }

    [Fact]
    public async Task Accept_BecomesLevelOneAcceptedByUserEverywhere()
    {
        var (rig, a, ca, b, cb, id) = await ProposedAsync();
        using var _ = rig;
        a.Accept(id);
        await ca.SyncAsync();
        await cb.SyncAsync();
        foreach (var v in new[] { a, b })
        {
            var e = v.Get("note", "n1")!;
            Assert.Equal("AI title", e.Text("title"));
            var reg = e.State.FindField("title")!.Effective!.Value;
            Assert.Equal(TruthLevel.User, reg.Stamp.Level);
            Assert.Equal("ai-cloud:llm", reg.AcceptedFrom);
            Assert.True(e.State.AcceptedByUser);
            Assert.Empty(v.Suggestions());
        }

        Rig.AssertConverged(a, b);
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public async Task AcceptWithEdit_KeepsTheEditedValue()
    {
        var (rig, a, ca, b, cb, id) = await ProposedAsync();
        using var _ = rig;
        a.Accept(id, "\"Edited title\"");
        await ca.SyncAsync();
        await cb.SyncAsync();
        Assert.Equal("Edited title", b.Get("note", "n1")!.Text("title"));
        Assert.True(b.Get("note", "n1")!.State.AcceptedByUser);
        Rig.AssertConverged(a, b);
    }

    [Fact]
    public async Task Reject_RemovesFromInboxEverywhere_UserValueStays()
    {
        var (rig, a, ca, b, cb, id) = await ProposedAsync();
        using var _ = rig;
        b.Reject(id);
        Assert.Empty(b.Suggestions());
        await cb.SyncAsync();
        await ca.SyncAsync();
        Assert.Empty(a.Suggestions());
        Assert.Equal("My title", a.Get("note", "n1")!.Text("title"));
        Assert.False(a.Get("note", "n1")!.State.AcceptedByUser);
        Rig.AssertConverged(a, b);
    }

    [Fact]
    public async Task AiDeleteOfUserNote_IsADeleteSuggestion_AcceptDeletes()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        a.Put("note", "n1", """{"title":"keep?"}""");
        await ca.SyncAsync();
        var ai = Rig.AiItem("note", "n1", "{}", DateTimeOffset.UtcNow.AddSeconds(1));
        ai.Deleted = true;
        ai.Payload = null;
        rig.Server.PushItems(rig.AiToken(), ai);
        await ca.SyncAsync();
        var s = Assert.Single(a.Suggestions());
        Assert.Equal("_deleted", s.Field);
        Assert.False(a.Get("note", "n1")!.IsDeleted);
        a.Accept(s.Id);
        await ca.SyncAsync();
        Assert.True(a.Get("note", "n1")!.IsDeleted);
        Rig.AssertMatchesServer(a, rig.Server);
    }

    [Fact]
    public void Accept_UnknownId_ClearError()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        var ex = Assert.Throws<VaultException>(() => a.Accept("p_nope"));
        Assert.Contains("no pending suggestion", ex.Message, StringComparison.Ordinal);
    }
}
