using Realign.Storage;

namespace Realign.EndToEnd.Tests.Harness;

public sealed record SeededTenant(TenantUnderTest Tenant, string ConflictId, string ProposalId)
{
    public static async Task<SeededTenant> CreateAsync(HostedServer server)
    {
        var tenant = await server.NewTenantAsync();
        var api = server.Api;
        Check(await api.PushAsync(tenant.Owner, Wire.Batch(
            Wire.Item("n1", 1, "user:desktop", 1, """{"title":"a","body":"b"}"""),
            Wire.Item("n2", 1, "user:desktop", 1, """{"title":"keep"}"""),
            Wire.Item("n3", 1, "user:desktop", 1, """{"title":"gone"}"""))));
        Check(await api.PushAsync(tenant.Owner, Wire.Batch(Wire.Item("n3", 1, "user:desktop", 2, "{}").With("deleted", true))));
        Check(await api.PushAsync(tenant.Tokens["web"], Wire.Batch(Wire.Item("n1", 1, "user:web", 3, """{"title":"web"}""").With("base_version", 0))));
        Check(await api.PushAsync(tenant.Tokens["ai-cloud"], Wire.Batch(Wire.Item("n2", 5, "ai-cloud:llm", 4, """{"title":"ai"}"""))));
        var conflicts = await server.Store.ListConflictsAsync(tenant.Id, "open");
        var proposals = await server.Store.ListProposalsAsync(tenant.Id, "pending");
        return new SeededTenant(tenant, conflicts.Single().ConflictId!, proposals.Single().ProposalId!);
    }

    private static void Check(Reply reply)
    {
        if (!reply.Ok)
        {
            throw new InvalidOperationException($"seed push failed: {reply.Status} {reply.Body}");
        }
    }
}
