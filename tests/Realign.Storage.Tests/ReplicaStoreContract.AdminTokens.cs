namespace Realign.Storage.Tests;

public abstract partial class ReplicaStoreContract
{
    [BackendFact]
    public async Task RotateAdminToken_EveryEarlierAdminTokenStopsWorking()
    {
        if (await OpenStoreAsync() is not { } store) { return; }
        await using var _ = store;
        var first = await store.CreateAdminTokenAsync();
        var second = await store.CreateAdminTokenAsync();

        var rotated = await store.RotateAdminTokenAsync();

        Assert.False(await store.IsAdminTokenAsync(first));
        Assert.False(await store.IsAdminTokenAsync(second));
        Assert.True(await store.IsAdminTokenAsync(rotated));
    }
}
