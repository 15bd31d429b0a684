using Realign.Core.Contract;

namespace Realign.EndToEnd.Tests.Vault;

public static class Converge
{
    public static async Task AssertIdenticalAsync(LiveTenant tenant, params LiveVault[] vaults)
    {
        var heads = await tenant.PullAllAsync(vaults[0].Token);
        var remote = heads.ToDictionary(h => (h.EntityType!, h.EntityId!), h => EntityCodec.FromHead(h, tenant.TenantId));
        foreach (var live in vaults)
        {
            var local = live.Vault.List(includeDeleted: true);
            Assert.Equal(remote.Count, local.Count);
            foreach (var e in local)
            {
                Assert.True(remote.TryGetValue((e.EntityType, e.EntityId), out var theirs), $"{e.EntityType}/{e.EntityId} is not on the server");
                Assert.True(e.State.SameRegisters(theirs!), $"{e.EntityType}/{e.EntityId} differs between {live.Vault.Directory} and the server");
            }
        }
    }
}
