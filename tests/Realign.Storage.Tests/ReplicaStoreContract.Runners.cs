using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using static Realign.Storage.Tests.Writes;

namespace Realign.Storage.Tests;

public abstract partial class ReplicaStoreContract
{
    private const long Minute = 60_000_000;

    private async Task<(IReplicaStore Store, string Tenant)?> CloudTenantAsync()
    {
        if (await OpenStoreAsync() is not { } store)
        {
            return null;
        }

        return (store, (await store.CreateTenantAsync("cloud-" + Guid.NewGuid().ToString("N")[..8], VaultMode.CloudFirst)).Id);
    }

    [BackendFact]
    public async Task RunnerLease_FreeOrExpiredOrOwn_IsTaken_AnotherOwnersLiveLease_IsNot()
    {
        if (await CloudTenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var t0 = T(0);

        var first = await store.TakeRunnerLeaseAsync(tenant, "a", t0, t0 + Minute);
        Assert.Equal((tenant, (long?)null, (string?)null, "a", t0 + Minute), (first!.TenantId, first.Cursor, first.PrincipalId, first.LeaseOwner, first.LeaseUntilMicros));
        Assert.Empty(first.Skip);
        Assert.Null(await store.TakeRunnerLeaseAsync(tenant, "b", t0 + Minute - 1, t0 + (2 * Minute)));
        Assert.Equal(t0 + (3 * Minute), (await store.TakeRunnerLeaseAsync(tenant, "a", t0 + Minute - 1, t0 + (3 * Minute)))!.LeaseUntilMicros);
        Assert.Equal("b", (await store.TakeRunnerLeaseAsync(tenant, "b", t0 + (3 * Minute), t0 + (4 * Minute)))!.LeaseOwner);

        Assert.False(await store.ReleaseRunnerLeaseAsync(tenant, "a"));
        Assert.True(await store.ReleaseRunnerLeaseAsync(tenant, "b"));
        var released = (await store.FindRunnerAsync(tenant))!;
        Assert.Equal(((string?)null, 0L), (released.LeaseOwner, released.LeaseUntilMicros));
        Assert.Equal("a", (await store.TakeRunnerLeaseAsync(tenant, "a", t0, t0 + Minute))!.LeaseOwner);
    }

    [BackendFact]
    public async Task RunnerLease_EightRacersForAFreeLease_ExactlyOneWins()
    {
        if (await CloudTenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await using var other = (await OpenStoreAsync())!;
        var t0 = T(0);

        var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => (i % 2 == 0 ? store : other).TakeRunnerLeaseAsync(tenant, "owner-" + i, t0, t0 + Minute))));

        var winner = Assert.Single(takes, t => t is not null);
        Assert.Equal(winner!.LeaseOwner, (await store.FindRunnerAsync(tenant))!.LeaseOwner);
    }

    [BackendFact]
    public async Task SaveRunner_ByTheHolder_Kept_ByAnOwnerThatLostTheLease_NothingSaved()
    {
        if (await CloudTenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var t0 = T(0);
        await store.TakeRunnerLeaseAsync(tenant, "a", t0, t0 + Minute);

        Assert.True(await store.SaveRunnerAsync(new RunnerSave(tenant, "a", t0 + 1, t0 + (2 * Minute), 7, [9, 11], "pr_runner")));
        var saved = (await store.FindRunnerAsync(tenant))!;
        Assert.Equal(((long?)7, "pr_runner", "a", t0 + (2 * Minute)), (saved.Cursor, saved.PrincipalId, saved.LeaseOwner, saved.LeaseUntilMicros));
        Assert.Equal([9L, 11L], saved.Skip);

        await store.TakeRunnerLeaseAsync(tenant, "b", t0 + (2 * Minute), t0 + (3 * Minute));
        Assert.False(await store.SaveRunnerAsync(new RunnerSave(tenant, "a", t0 + (2 * Minute), t0 + (4 * Minute), 99, [], null)));
        Assert.Equal(7, (await store.FindRunnerAsync(tenant))!.Cursor);
        Assert.False(await store.RemoveRunnerAsync(tenant, "a"));
        Assert.True(await store.RemoveRunnerAsync(tenant, "b"));
        Assert.Null(await store.FindRunnerAsync(tenant));
    }

    [BackendFact]
    public async Task FencedBatch_LeaseTakenByAnother_StoresNothing_HeldLease_AppliesAndExtendsIt()
    {
        if (await CloudTenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var t0 = T(0);
        await store.TakeRunnerLeaseAsync(tenant, "a", t0, t0 + Minute);
        await store.TakeRunnerLeaseAsync(tenant, "b", t0 + Minute, t0 + (2 * Minute));
        var write = Make(tenant, "n1", TruthLevel.Automation, 1, "automation:rule-r1", null, ("title", "\"x\""));

        await Assert.ThrowsAsync<RunnerLeaseLostException>(() => store.ApplyBatchAsync(new BatchCommand(tenant, "pr_test", "b1", [write], t0 + Minute) { Fence = new RunnerFence("a", t0 + (5 * Minute)) }));
        Assert.Null(await store.GetEntityAsync(new EntityKey(tenant, "note", "n1")));
        Assert.Equal(0, (await store.FindTenantAsync(tenant))!.Seq);

        var applied = await store.ApplyBatchAsync(new BatchCommand(tenant, "pr_test", "b1", [write], t0 + Minute) { Fence = new RunnerFence("b", t0 + (5 * Minute)) });
        Assert.Equal(1, applied.Cursor);
        Assert.Equal(t0 + (5 * Minute), (await store.FindRunnerAsync(tenant))!.LeaseUntilMicros);
        await Assert.ThrowsAsync<RunnerLeaseLostException>(() => store.ApplyBatchAsync(new BatchCommand(tenant, "pr_test", "b2", [write], t0 + (5 * Minute)) { Fence = new RunnerFence("b", t0 + (6 * Minute)) }));
    }

    [BackendFact]
    public async Task ListEntities_LiveOnesOfOneType_ByIdInPages_WithTheirSequence()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "n3", 1, ("title", "\"c\"")), User(tenant, "n1", 1, ("title", "\"a\"")), User(tenant, "n2", 1, ("title", "\"b\"")),
            User(tenant, "n4", 1, ("title", "\"d\"")), Make(tenant, "x", TruthLevel.User, 1, "user:desktop", null, ("title", "\"other type\"")) with { Key = new EntityKey(tenant, "task", "x") }));
        await store.ApplyBatchAsync(Batch(tenant, Delete(tenant, "n2", TruthLevel.User, 2, "user:desktop")));

        async Task<List<(long Seq, string Id)>> PageAsync(string? after, int limit)
        {
            var page = new List<(long, string)>();
            await foreach (var head in store.ListEntitiesAsync(tenant, "note", after, limit))
            {
                page.Add((head.Seq, JsonDocument.Parse(head.HeadUtf8).RootElement.GetProperty("entity_id").GetString()!));
            }

            return page;
        }

        Assert.Equal([(2L, "n1"), (1L, "n3")], await PageAsync(null, 2));
        Assert.Equal([(4L, "n4")], await PageAsync("n3", 2));
        Assert.Empty(await PageAsync("n4", 2));
    }

    [BackendFact]
    public async Task ListRunnerTenants_CloudFirstWithALiveRuleOrARunnerRow_NeverLocalFirst()
    {
        if (await OpenStoreAsync() is not { } store) { return; }
        await using var _ = store;
        async Task<string> TenantWithAsync(VaultMode mode, string? type, bool deleted = false)
        {
            var id = (await store.CreateTenantAsync("runners-" + Guid.NewGuid().ToString("N")[..8], mode)).Id;
            if (type is not null)
            {
                var write = User(id, "r1", 1, ("name", "\"rule\"")) with { Key = new EntityKey(id, type, "r1") };
                await store.ApplyBatchAsync(Batch(id, write));
                if (deleted)
                {
                    await store.ApplyBatchAsync(Batch(id, new Write(new EntityKey(id, type, "r1"), new Stamp(TruthLevel.User, T(2), "user:desktop"), [], Deleted: true)));
                }
            }

            return id;
        }

        var withRule = await TenantWithAsync(VaultMode.CloudFirst, "automation");
        var localWithRule = await TenantWithAsync(VaultMode.LocalFirst, "automation");
        var withNote = await TenantWithAsync(VaultMode.CloudFirst, "note");
        var withDeletedRule = await TenantWithAsync(VaultMode.CloudFirst, "automation", deleted: true);
        var withRunner = await TenantWithAsync(VaultMode.CloudFirst, null);
        await store.TakeRunnerLeaseAsync(withRunner, "a", T(0), T(60));

        var listed = new List<string>();
        for (string? after = null; await store.ListRunnerTenantsAsync(VaultMode.CloudFirst, "automation", after, 2) is { Count: > 0 } page; after = page[^1])
        {
            listed.AddRange(page);
        }

        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
        Assert.Contains(withRule, listed);
        Assert.Contains(withRunner, listed);
        Assert.DoesNotContain(localWithRule, listed);
        Assert.DoesNotContain(withNote, listed);
        Assert.DoesNotContain(withDeletedRule, listed);
    }
}
