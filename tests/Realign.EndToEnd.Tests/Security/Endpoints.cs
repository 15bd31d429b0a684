using Realign.EndToEnd.Tests.Harness;

namespace Realign.EndToEnd.Tests.Security;

public static class Endpoints
{
    public static IReadOnlyList<(string Name, HttpMethod Method, string Path, string? Body, bool Admin)> For(SeededTenant seeded, string principalToRevoke) =>
    [
        ("auth/me", HttpMethod.Get, "/auth/me", null, false),
        ("push", HttpMethod.Post, "/sync/push", Wire.Batch(Wire.Item("n1", 1, "user:desktop", 20, """{"title":"hijack"}""")), false),
        ("pull", HttpMethod.Get, "/sync/pull?since=0", null, false),
        ("entity", HttpMethod.Get, "/sync/entities/note/n1", null, false),
        ("conflicts", HttpMethod.Get, "/sync/conflicts?status=all", null, false),
        ("proposals", HttpMethod.Get, "/sync/proposals?status=all", null, false),
        ("conflict-resolve", HttpMethod.Post, "/sync/conflict-resolve", $$"""{"conflict_id":"{{seeded.ConflictId}}","keep":"loser"}""", false),
        ("proposal-resolve", HttpMethod.Post, "/sync/conflict-resolve", $$"""{"proposal_id":"{{seeded.ProposalId}}","action":"accept"}""", false),
        ("events", HttpMethod.Get, "/sync/events", null, false),
        ("security-events", HttpMethod.Get, "/security/events", null, false),
        ("checksum", HttpMethod.Get, "/sync/checksum", null, false),
        ("wait", HttpMethod.Get, "/sync/wait?since=0&timeout=1", null, false),
        ("admin/list-tenants", HttpMethod.Get, "/admin/tenants", null, true),
        ("admin/create-tenant", HttpMethod.Post, "/admin/tenants", """{"name":"intruder","vault_mode":"local_first"}""", true),
        ("admin/create-token", HttpMethod.Post, "/admin/tokens", $$"""{"tenant":"{{seeded.Tenant.Id}}","as":"user:desktop","can_accept":true}""", true),
        ("admin/list-tokens", HttpMethod.Get, $"/admin/tenants/{seeded.Tenant.Id}/tokens", null, true),
        ("admin/revoke", HttpMethod.Delete, $"/admin/tenants/{seeded.Tenant.Id}/tokens/{principalToRevoke}", null, true),
        ("admin/purge", HttpMethod.Post, $"/admin/tenants/{seeded.Tenant.Id}/purge-tombstones?up_to=1000", null, true),
    ];
}
