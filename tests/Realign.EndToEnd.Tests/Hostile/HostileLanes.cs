using System.Text;
using Realign.EndToEnd.Tests.Harness;

namespace Realign.EndToEnd.Tests.Hostile;

public static class HostileLanes
{
    public static List<HostileRequest> Sync(SeededTenant seeded, int seed)
    {
        var owner = seeded.Tenant.Owner;
        var list = new List<HostileRequest>();
        var push = Wire.Batch("b-hostile",
            Wire.Item("n1", 1, "user:desktop", 10, """{"title":"x","count":1,"tags":["a","b"],"meta":{"k":"x"}}""").With("base_version", 2),
            Wire.Item("n9", 3, "ai-local:helper", 10, """{"title":"x"}"""));
        list.AddRange(HostileBodies.Generate(push, 1100, seed).Select((b, i) => new HostileRequest("push", HttpMethod.Post, "/sync/push", FreshBatchId(b, i), i % 10 == 9 ? seeded.Tenant.Tokens["ai-cloud"] : owner)));
        var conflict = $$"""{"conflict_id":"{{seeded.ConflictId}}","keep":"winner","value":"x"}""";
        list.AddRange(HostileBodies.Generate(conflict, 250, seed + 1).Select(b => new HostileRequest("conflict-resolve", HttpMethod.Post, "/sync/conflict-resolve", b, owner)));
        var proposal = $$"""{"proposal_id":"{{seeded.ProposalId}}","action":"reject","value":"x"}""";
        list.AddRange(HostileBodies.Generate(proposal, 250, seed + 2).Select(b => new HostileRequest("proposal-resolve", HttpMethod.Post, "/sync/conflict-resolve", b, owner)));
        string[] queries = ["/sync/pull?since=", "/sync/pull?since=0&limit=", "/sync/conflicts?status=", "/sync/proposals?status=", "/sync/events?after=", "/sync/events?limit=", "/security/events?after=", "/security/events?limit=", "/sync/wait?since=0&timeout="];
        var values = HostileBodies.QueryValues(seed).Take(320).ToList();
        for (var i = 0; i < values.Count; i++)
        {
            var path = queries[i % queries.Length];
            list.Add(new HostileRequest(path[..path.IndexOf('?', StringComparison.Ordinal)], HttpMethod.Get, path + values[i], null, owner));
        }

        var segments = HostileBodies.QueryValues(seed + 3).Skip(13).Take(50).ToList();
        list.AddRange(segments.Select((v, i) => new HostileRequest("entity", HttpMethod.Get, i % 2 == 0 ? $"/sync/entities/note/{v}" : $"/sync/entities/{v}/n1", null, owner)));
        list.AddRange(AuthHeaders(seed + 4, 60).Select((h, i) => new HostileRequest(i % 2 == 0 ? "auth/me" : "checksum", HttpMethod.Get, i % 2 == 0 ? "/auth/me" : "/sync/checksum", null, null, h)));
        return list;
    }

    public static List<HostileRequest> Admin(string admin, string tenantId, int seed)
    {
        var list = new List<HostileRequest>();
        list.AddRange(HostileBodies.Generate("""{"name":"x","vault_mode":"local_first"}""", 900, seed).Select(b => new HostileRequest("admin/tenants", HttpMethod.Post, "/admin/tenants", b, admin)));
        var token = $$"""{"tenant":"{{tenantId}}","as":"user:desktop","can_accept":true,"label":"x"}""";
        list.AddRange(HostileBodies.Generate(token, 900, seed + 1).Select(b => new HostileRequest("admin/tokens", HttpMethod.Post, "/admin/tokens", b, admin)));
        list.AddRange(HostileBodies.QueryValues(seed + 2).Take(150).Select(v => new HostileRequest("admin/purge", HttpMethod.Post, $"/admin/tenants/{tenantId}/purge-tombstones?up_to={v}", null, admin)));
        list.AddRange(HostileBodies.QueryValues(seed + 3).Skip(13).Take(50).Select(v => new HostileRequest("admin/list-tokens", HttpMethod.Get, $"/admin/tenants/{v}/tokens", null, admin)));
        list.AddRange(HostileBodies.QueryValues(seed + 4).Skip(13).Take(50).Select(v => new HostileRequest("admin/revoke", HttpMethod.Delete, $"/admin/tenants/{tenantId}/tokens/{v}", null, admin)));
        list.AddRange(AuthHeaders(seed + 5, 30).Select(h => new HostileRequest("admin/tenants", HttpMethod.Get, "/admin/tenants", null, null, h)));
        return list;
    }

    private static IEnumerable<string> AuthHeaders(int seed, int count)
    {
        var random = new Random(seed);
        string[] fixedValues = ["Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer rlt_", "bearer rlt_AAAA", "Bearer " + new string('A', 9000), "Bearer rlt_' OR 1=1 --", "Token abc"];
        foreach (var value in fixedValues)
        {
            yield return value;
        }

        for (var i = fixedValues.Length; i < count; i++)
        {
            var chars = new char[random.Next(1, 80)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = (char)random.Next(0x21, 0x7F);
            }

            yield return "Bearer " + new string(chars);
        }
    }

    public static string Describe(HostileRequest request) =>
        $"{request.Method} {request.Path[..Math.Min(request.Path.Length, 120)]} body={(request.Body is null ? "-" : Encoding.UTF8.GetString(request.Body[..Math.Min(request.Body.Length, 200)]))}";

    // A body that kept the seed batch id would be answered from the idempotency record once any mutation of it
    // committed, and never reach admission; each request gets its own id.
    private static byte[] FreshBatchId(byte[] body, int index)
    {
        var marker = Encoding.ASCII.GetBytes("b-hostile");
        var at = body.AsSpan().IndexOf(marker);
        return at < 0 ? body : [.. body.AsSpan(0, at), .. Encoding.ASCII.GetBytes($"b-hostile-{index:D5}"), .. body.AsSpan(at + marker.Length)];
    }
}
