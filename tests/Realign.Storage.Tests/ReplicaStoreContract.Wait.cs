using Realign.Core.Contract;
using static Realign.Storage.Tests.Writes;

namespace Realign.Storage.Tests;

public abstract partial class ReplicaStoreContract
{
    /// <summary>Bounds every wait of these tests, so a wake-up that never comes fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(45);

    [BackendFact]
    public async Task WaitForChange_CursorAlreadyPast_ReturnsTheSequence()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "n1", 1, ("title", "\"a\"")), User(tenant, "n2", 1, ("title", "\"b\""))));

        Assert.Equal(2, await store.WaitForChangeAsync(tenant, 0, TimeSpan.FromMinutes(5)).WaitAsync(Bound));
    }

    [BackendFact]
    public async Task WaitForChange_CommitThroughAnotherStoreOnTheSameDatabase_Wakes()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await using var other = (await OpenStoreAsync())!;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "n1", 1, ("title", "\"a\""))));

        var wait = store.WaitForChangeAsync(tenant, 1, TimeSpan.FromMinutes(5));
        await other.ApplyBatchAsync(Batch(tenant, User(tenant, "n2", 2, ("title", "\"b\""))));

        Assert.Equal(2, await wait.WaitAsync(Bound));
    }

    [BackendFact]
    public async Task WaitForChange_OnlyAnotherTenantChanges_EndsAtTheTimeoutUnchanged()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var neighbour = (await store.CreateTenantAsync("neighbour-" + Guid.NewGuid().ToString("N")[..8], VaultMode.LocalFirst)).Id;
        await store.ApplyBatchAsync(Batch(tenant, User(tenant, "n1", 1, ("title", "\"a\""))));

        var wait = store.WaitForChangeAsync(tenant, 1, TimeSpan.FromSeconds(2));
        await store.ApplyBatchAsync(Batch(neighbour, User(neighbour, "n1", 1, ("title", "\"x\""))));

        Assert.Equal(1, await wait.WaitAsync(Bound));
    }
}
