using Realign.Storage;

namespace Realign.EndToEnd.Tests.Harness;

public sealed record TenantSnapshot(long Seq, long PurgedSeq, string Checksum, long Entities, int Heads, string Proposals, string Conflicts, int Principals, int Revoked, TenantExposure Exposure, string Channels, string Labels, string Factors)
{
    public static async Task<TenantSnapshot> TakeAsync(IReplicaStore store, string tenantId)
    {
        var tenant = await store.FindTenantAsync(tenantId) ?? throw new InvalidOperationException("no tenant " + tenantId);
        var sum = await store.ChecksumAsync(tenantId);
        var heads = 0;
        await foreach (var _ in store.ReadChangesAsync(tenantId, 0, int.MaxValue))
        {
            heads++;
        }

        var proposals = string.Join(",", (await store.ListProposalsAsync(tenantId, null)).Select(p => p.ProposalId + ":" + p.Status));
        var conflicts = string.Join(",", (await store.ListConflictsAsync(tenantId, null)).Select(c => c.ConflictId + ":" + c.Status));
        var principals = await store.ListPrincipalsAsync(tenantId);
        var exposure = await store.GetExposureAsync(tenantId);
        var channels = await store.GetChannelPolicyAsync(tenantId);
        var labels = string.Join(",", principals.Select(p => p.PrincipalId + ":" + p.Label));

        // The enrolled confirmations, not the failure count: a wrong code is refused and counted, which is the point.
        var factors = string.Join(",", (await store.GetConfirmStateAsync(tenantId)).Factors.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + ":" + f.Value.Secret + ":" + f.Value.LastStep));
        return new TenantSnapshot(tenant.Seq, tenant.PurgedSeq, sum.Checksum, sum.Entities, heads, proposals, conflicts, principals.Count, principals.Count(p => p.Revoked), exposure,
            channels.UpdatedAt + ":" + tenant.ChannelsJson, labels, factors);
    }
}
