using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using static Realign.Storage.Tests.Writes;

namespace Realign.Storage.Tests;

public abstract partial class ReplicaStoreContract
{
    protected abstract Task<IReplicaStore?> OpenStoreAsync();

    private async Task<(IReplicaStore Store, string Tenant)?> TenantAsync()
    {
        var store = await OpenStoreAsync();
        if (store is null)
        {
            return null;
        }

        var tenant = await store.CreateTenantAsync("tenant-" + Guid.NewGuid().ToString("N")[..8], VaultMode.LocalFirst);
        return (store, tenant.Id);
    }

    [BackendFact]
    public async Task CreateTenant_FoundByIdAndName_WithModeAndZeroSeq()
    {
        if (await OpenStoreAsync() is not { } store) { return; }
        await using var _ = store;
        var created = await store.CreateTenantAsync("acme-" + Guid.NewGuid().ToString("N")[..6], VaultMode.CloudFirst);
        var byId = await store.FindTenantAsync(created.Id);
        var byName = await store.FindTenantAsync(created.Name);
        Assert.Equal(created, byId);
        Assert.Equal(created, byName);
        Assert.Equal(VaultMode.CloudFirst, byId!.Mode);
        Assert.Contains(await store.ListTenantsAsync(), t => t.Id == created.Id);
    }

    [BackendFact]
    public async Task CreateTenant_NameTaken_ThrowsConflict()
    {
        if (await OpenStoreAsync() is not { } store) { return; }
        await using var _ = store;
        var name = "dup-" + Guid.NewGuid().ToString("N")[..6];
        await store.CreateTenantAsync(name, VaultMode.LocalFirst);
        var ex = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.CreateTenantAsync(name, VaultMode.LocalFirst));
        Assert.Equal("conflict", ex.Code);
    }

    [BackendFact]
    public async Task Token_AuthenticateThenRevoke_NullAfterRevoke()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var issued = await store.CreateTokenAsync(new TokenRequest(tenant, PrincipalKind.UserDevice, "desktop", true));
        Assert.StartsWith(Tokens.Prefix, issued.Token, StringComparison.Ordinal);
        var principal = await store.AuthenticateAsync(issued.Token);
        Assert.Equal(issued.Principal.PrincipalId, principal!.PrincipalId);
        Assert.True(principal.CanAccept);
        Assert.Null(await store.AuthenticateAsync(issued.Token + "x"));
        Assert.True(await store.RevokeTokenAsync(tenant, principal.PrincipalId));
        Assert.Null(await store.AuthenticateAsync(issued.Token));
    }

    [BackendFact]
    public async Task Token_MachineWithAcceptRight_Refused()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var ex = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.CreateTokenAsync(new TokenRequest(tenant, PrincipalKind.AiCloud, null, true)));
        Assert.Equal("invalid-request", ex.Code);
    }

    [BackendFact]
    public async Task AdminToken_SecondCall_NotCreatedAgain()
    {
        if (await OpenStoreAsync() is not { } store) { return; }
        await using var _ = store;
        var first = await store.CreateAdminTokenIfNoneAsync();
        var second = await store.CreateAdminTokenIfNoneAsync();
        Assert.Null(second);
        if (first is not null)
        {
            Assert.True(await store.IsAdminTokenAsync(first));
        }

        Assert.False(await store.IsAdminTokenAsync("rlt_wrong"));
    }

    [BackendFact]
    public async Task ApplyBatch_NewEntities_EachGetsItsOwnSeq()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var response = await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"A\"")), User(tenant, "b", 1, ("title", "\"B\""))));
        Assert.Equal(2, response.Cursor);
        Assert.All(response.Results, r => Assert.Equal(ItemOutcome.Applied, r.Outcome));
        var changes = await store.ReadChangesAsync(tenant, 0, 10).ToListAsync();
        Assert.Equal([1L, 2L], changes.Select(c => c.Seq));
        Assert.Equal(["a", "b"], changes.Select(c => System.Text.Json.JsonSerializer.Deserialize(c.HeadUtf8.Span, RealignJsonContext.Default.SyncItem)!.EntityId));
        var head = await store.GetEntityAsync(new EntityKey(tenant, "note", "a"));
        Assert.Equal("A", head!.Payload!.Value.GetProperty("title").GetString());
        Assert.Equal(1, head.Version);
    }

    [BackendFact]
    public async Task ApplyBatch_SameBatchIdAgain_ReplayedWithoutSecondVersion()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var batch = Batch(tenant, User(tenant, "a", 1, ("title", "\"A\"")));
        var first = await store.ApplyBatchAsync(batch);
        var again = await store.ApplyBatchAsync(batch with { Writes = [User(tenant, "a", 2, ("title", "\"other\""))] });
        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Cursor, again.Cursor);
        Assert.Equal(first.Results[0].Version, again.Results[0].Version);
        var head = await store.GetEntityAsync(new EntityKey(tenant, "note", "a"));
        Assert.Equal(1, head!.Version);
        Assert.Equal("A", head.Payload!.Value.GetProperty("title").GetString());
    }

    [BackendFact]
    public async Task ApplyBatch_AiAfterUser_PendingProposalThenAcceptedByEqualUserWrite()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"mine\""))));
        var ai = await store.ApplyBatchAsync(Batch(tenant, Ai(tenant, "a", 2, ("title", "\"better\""))));
        Assert.Equal(ItemOutcome.Proposal, ai.Results[0].Outcome);
        var pending = await store.ListProposalsAsync(tenant, "pending");
        Assert.Equal(ai.Results[0].ProposalIds![0], Assert.Single(pending).ProposalId);
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 3, ("title", "\"better\""))));
        Assert.Empty(await store.ListProposalsAsync(tenant, "pending"));
        Assert.Equal("accepted", Assert.Single(await store.ListProposalsAsync(tenant, null)).Status);
    }

    [BackendFact]
    public async Task ApplyBatch_ProposalSupersededByDifferentUserWrite_Rejected()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"mine\""))));
        await store.ApplyBatchAsync(Batch(tenant, Ai(tenant, "a", 2, ("title", "\"better\""))));
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 3, ("title", "\"mine again\""))));
        Assert.Equal("rejected", Assert.Single(await store.ListProposalsAsync(tenant, "rejected")).Status);
    }

    [BackendFact]
    public async Task ApplyBatch_UnseenUserEdits_ConflictRowAndSyncEvent()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"v1\""))));
        await store.ApplyBatchAsync(Batch(tenant, Make(tenant, "a", TruthLevel.User, 5, "user:web", 1, ("title", "\"web\""))));
        var late = await store.ApplyBatchAsync(Batch(tenant, Make(tenant, "a", TruthLevel.User, 3, "user:mobile", 1, ("title", "\"mobile\""))));
        Assert.Equal(ItemOutcome.Conflict, late.Results[0].Outcome);
        var conflict = Assert.Single(await store.ListConflictsAsync(tenant, "open"));
        Assert.Equal("title", conflict.Field);
        var events = await store.ListEventsAsync(EventLog.Sync, tenant, 0, 10);
        Assert.Contains(events, e => e.Kind == "conflict");
    }

    [BackendFact]
    public async Task Resolve_ConflictKeepLoser_LoserVisibleAndResolved()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"v1\""))));
        await store.ApplyBatchAsync(Batch(tenant, Make(tenant, "a", TruthLevel.User, 5, "user:web", 1, ("title", "\"web\""))));
        await store.ApplyBatchAsync(Batch(tenant, Make(tenant, "a", TruthLevel.User, 3, "user:mobile", 1, ("title", "\"mobile\""))));
        var conflict = Assert.Single(await store.ListConflictsAsync(tenant, "open"));
        var result = await store.ResolveAsync(new ResolveCommand(tenant, "pr_test", "user:desktop", true, new ResolveRequest { ConflictId = conflict.ConflictId, Keep = "loser" }, T(2000)));
        Assert.Equal(ItemOutcome.Applied, result.Outcome);
        var head = await store.GetEntityAsync(new EntityKey(tenant, "note", "a"));
        Assert.Equal("mobile", head!.Payload!.Value.GetProperty("title").GetString());
        Assert.Equal("loser", Assert.Single(await store.ListConflictsAsync(tenant, "resolved")).Resolution);
    }

    [BackendFact]
    public async Task Resolve_AcceptProposalWithEdit_UserValueWithProvenanceAndAccepted()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"mine\""))));
        await store.ApplyBatchAsync(Batch(tenant, Ai(tenant, "a", 2, ("title", "\"better\""))));
        var proposal = Assert.Single(await store.ListProposalsAsync(tenant, "pending"));
        var edited = JsonValues.Parse("\"better, edited\"");
        await store.ResolveAsync(new ResolveCommand(tenant, "pr_test", "user:desktop", true, new ResolveRequest { ProposalId = proposal.ProposalId, Action = "accept", Value = edited }, T(2000)));
        var head = await store.GetEntityAsync(new EntityKey(tenant, "note", "a"));
        Assert.Equal("better, edited", head!.Payload!.Value.GetProperty("title").GetString());
        Assert.True(head.AcceptedByUser);
        Assert.Equal(1, head.TruthLevel);
        Assert.Equal("accepted", Assert.Single(await store.ListProposalsAsync(tenant, null)).Status);
    }

    [BackendFact]
    public async Task ReadChanges_RewrittenEntity_MovesToNewSeqOnce()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"1\"")), User(tenant, "b", 1, ("title", "\"1\""))));
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 2, ("title", "\"2\""))));
        var changes = await store.ReadChangesAsync(tenant, 0, 10).ToListAsync();
        Assert.Equal([2L, 3L], changes.Select(c => c.Seq));
        Assert.Single(await store.ReadChangesAsync(tenant, 2, 10).ToListAsync());
        Assert.Single(await store.ReadChangesAsync(tenant, 0, 1).ToListAsync());
    }

    [BackendFact]
    public async Task CursorAt_TimeAfterEverything_ReturnsCurrentSeq()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var before = UtcMicros.From(DateTimeOffset.UtcNow) - 1;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"1\""))) with { NowMicros = before + 10 });
        Assert.Equal(0, await store.CursorAtAsync(tenant, before));
        Assert.Equal(1, await store.CursorAtAsync(tenant, before + 1_000_000));
    }

    [BackendFact]
    public async Task Purge_Tombstones_RemovedAndHorizonRaised()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"1\"")), User(tenant, "b", 1, ("title", "\"1\""))));
        await store.ApplyBatchAsync(Batch(tenant, Delete(tenant, "a", TruthLevel.User, 2, "user:desktop")));
        Assert.Equal(1, await store.PurgeTombstonesAsync(tenant, 3));
        Assert.Equal(3, (await store.FindTenantAsync(tenant))!.PurgedSeq);
        Assert.Null(await store.GetEntityAsync(new EntityKey(tenant, "note", "a")));
    }

    [BackendFact]
    public async Task Tenants_SameEntityKey_Independent()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var other = (await store.CreateTenantAsync("other-" + Guid.NewGuid().ToString("N")[..6], VaultMode.LocalFirst)).Id;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "a", 1, ("title", "\"mine\""))));
        await store.ApplyBatchAsync(Batch(other, User(other, "a", 1, ("title", "\"theirs\""))));
        Assert.Equal("mine", (await store.GetEntityAsync(new EntityKey(tenant, "note", "a")))!.Payload!.Value.GetProperty("title").GetString());
        Assert.Single(await store.ReadChangesAsync(other, 0, 10).ToListAsync());
    }

    [BackendFact]
    public async Task RecordEvent_SecurityLog_ListedInOrder()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.RecordEventAsync(EventLog.Security, tenant, new EventEntry(0, T(1), "forbidden-level", "pr_x", "b1", null, null, "{\"n\":1}"));
        await store.RecordEventAsync(EventLog.Security, tenant, new EventEntry(0, T(2), "cross-tenant", "pr_x", "b2", null, null, "{\"n\":2}"));
        var events = await store.ListEventsAsync(EventLog.Security, tenant, 0, 10);
        Assert.Equal(["forbidden-level", "cross-tenant"], events.Select(e => e.Kind));
        Assert.Empty(await store.ListEventsAsync(EventLog.Sync, tenant, 0, 10));
    }

    [BackendFact]
    public async Task ApplyBatch_ConcurrentBatches_DenseUniqueSeqsAndAllHeadsPulled()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var batches = Enumerable.Range(0, 8).Select(b => Task.Run(() => store.ApplyBatchAsync(Batch(tenant, [.. Enumerable.Range(0, 20).Select(i => User(tenant, $"b{b}-{i}", 1, ("title", "\"x\"")))])))).ToArray();
        var cursors = (await Task.WhenAll(batches)).Select(r => r.Cursor).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 8).Select(i => i * 20L), cursors);
        var changes = await store.ReadChangesAsync(tenant, 0, 1000).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 160).Select(i => (long)i), changes.Select(c => c.Seq));
    }
}
