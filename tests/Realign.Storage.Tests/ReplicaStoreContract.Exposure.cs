using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Storage.Tests;

public abstract partial class ReplicaStoreContract
{
    private static ExposureCommand Change(string tenant, ExposureChange change, long at, string? principal = "pr_owner", string actor = "user_device:desktop") =>
        new(tenant, change, principal, actor, at);

    [BackendTheory]
    [InlineData(VaultMode.LocalFirst, "none")]
    [InlineData(VaultMode.CloudFirst, "redacted")]
    public async Task GetExposure_NeverSet_DefaultsOfTheTenantsModeWithoutATime(VaultMode mode, string cloud)
    {
        if (await OpenStoreAsync() is not { } store) { return; }
        await using var _ = store;
        var tenant = await store.CreateTenantAsync("exp-" + Guid.NewGuid().ToString("N")[..8], mode);

        var exposure = await store.GetExposureAsync(tenant.Id);

        Assert.Equal(ExposurePolicies.Default(mode), exposure.Policy);
        Assert.Equal(cloud, exposure.Policy.Cloud.ToWire());
        Assert.Null(exposure.UpdatedAtMicros);
    }

    [BackendFact]
    public async Task SetExposure_PartialChange_NamedLevelChangedOthersKeptAndTimeStored()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var first = await store.SetExposureAsync(Change(tenant, new ExposureChange(null, Exposure.Redacted, null), 1_000));
        var second = await store.SetExposureAsync(Change(tenant, new ExposureChange(Exposure.None, null, null), 2_000));

        Assert.Equal(new ExposurePolicy(Exposure.Full, Exposure.Redacted, Exposure.None), first.Policy);
        Assert.Equal(new ExposurePolicy(Exposure.None, Exposure.Redacted, Exposure.None), second.Policy);
        Assert.Equal(second, await store.GetExposureAsync(tenant));
        Assert.Equal(2_000, second.UpdatedAtMicros);
    }

    [BackendFact]
    public async Task SetExposure_EachChange_OneSecurityEventWithWhoOldNewAndTheChangedLevels()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        await store.SetExposureAsync(Change(tenant, new ExposureChange(null, null, Exposure.Redacted), 1_000));
        await store.SetExposureAsync(Change(tenant, ExposureChange.To(new ExposurePolicy(Exposure.Full, Exposure.Full, Exposure.Redacted)), 2_000, null, "admin"));

        var events = await store.ListEventsAsync(EventLog.Security, tenant, 0, 100);

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("exposure-changed", e.Kind));
        Assert.Equal(["pr_owner", null], events.Select(e => e.PrincipalId));
        Assert.Equal(1_000, events[0].AtMicros);
        var first = JsonDocument.Parse(events[0].DetailJson).RootElement;
        Assert.Equal("user_device:desktop", first.GetProperty("by").GetString());
        Assert.Equal("none", first.GetProperty("old").GetProperty("cloud").GetString());
        Assert.True(first.GetProperty("old_was_default").GetBoolean());
        Assert.Equal("redacted", first.GetProperty("new").GetProperty("cloud").GetString());
        Assert.Equal("""["cloud"]""", first.GetProperty("changed").GetRawText());
        var second = JsonDocument.Parse(events[1].DetailJson).RootElement;
        Assert.Equal("admin", second.GetProperty("by").GetString());
        Assert.False(second.GetProperty("old_was_default").GetBoolean());
        Assert.Equal("[]", second.GetProperty("changed").GetRawText());
        Assert.Empty(await store.ListEventsAsync(EventLog.Sync, tenant, 0, 100));
    }

    [BackendFact]
    public async Task SetExposure_UnknownTenant_NotFoundAndNothingWritten()
    {
        if (await OpenStoreAsync() is not { } store) { return; }
        await using var _ = store;
        var ex = await Assert.ThrowsAsync<ReplicaStoreException>(() => store.SetExposureAsync(Change("t_nosuchtenant", new ExposureChange(Exposure.None, null, null), 1_000)));
        Assert.Equal("not-found", ex.Code);
        Assert.Equal("not-found", (await Assert.ThrowsAsync<ReplicaStoreException>(() => store.GetExposureAsync("t_nosuchtenant"))).Code);
        Assert.Empty(await store.ListEventsAsync(EventLog.Security, "t_nosuchtenant", 0, 100));
    }

    [BackendFact]
    public async Task SetExposure_OneTenant_AnotherTenantKeepsItsDefaultsAndLog()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var other = await store.CreateTenantAsync("exp-" + Guid.NewGuid().ToString("N")[..8], VaultMode.CloudFirst);

        await store.SetExposureAsync(Change(tenant, new ExposureChange(Exposure.None, Exposure.None, Exposure.None), 1_000));

        Assert.Equal(new TenantExposure(ExposurePolicies.Default(VaultMode.CloudFirst), null), await store.GetExposureAsync(other.Id));
        Assert.Empty(await store.ListEventsAsync(EventLog.Security, other.Id, 0, 100));
    }

    [BackendFact]
    public async Task SetExposure_ConcurrentChangesOfDifferentLevels_BothHoldAndEachEventsOldIsThePolicyBeforeIt()
    {
        if (await TenantAsync() is not var (store, tenant)) { return; }
        await using var _ = store;
        var changes = Enumerable.Range(0, 12).Select(i => (i % 3) switch
        {
            0 => new ExposureChange(Exposure.Redacted, null, null),
            1 => new ExposureChange(null, Exposure.None, null),
            _ => new ExposureChange(null, null, Exposure.Full),
        });

        await Task.WhenAll(changes.Select((c, i) => Task.Run(() => store.SetExposureAsync(Change(tenant, c, 1_000 + i)))));

        Assert.Equal(new ExposurePolicy(Exposure.Redacted, Exposure.None, Exposure.Full), (await store.GetExposureAsync(tenant)).Policy);
        var events = (await store.ListEventsAsync(EventLog.Security, tenant, 0, 100)).Select(e => JsonDocument.Parse(e.DetailJson).RootElement).ToList();
        Assert.Equal(12, events.Count);
        for (var i = 1; i < events.Count; i++)
        {
            Assert.Equal(events[i - 1].GetProperty("new").GetRawText(), events[i].GetProperty("old").GetRawText());
        }
    }
}
