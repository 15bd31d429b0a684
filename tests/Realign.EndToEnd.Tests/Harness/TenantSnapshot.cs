using Realign.Storage;

namespace Realign.EndToEnd.Tests.Harness;

public sealed record TenantSnapshot(long Seq, long PurgedSeq, string Checksum, long Entities, int Heads, string Proposals, string Conflicts, int Principals, int Revoked, TenantExposure Exposure)
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
        return new TenantSnapshot(tenant.Seq, tenant.PurgedSeq, sum.Checksum, sum.Entities, heads, proposals, conflicts, principals.Count, principals.Count(p => p.Revoked), exposure);
    }
}
