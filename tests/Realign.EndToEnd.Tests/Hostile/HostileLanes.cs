using System.Text;
using Realign.EndToEnd.Tests.Harness;

namespace Realign.EndToEnd.Tests.Hostile;

/// <summary>The hostile requests of each endpoint, which <see cref="Security.SweepTable"/> names per endpoint.</summary>
public static class HostileLanes
{
    /// <summary>Query values per query template of an endpoint (the first ones are the fixed hostile values).</summary>
    private const int QueryValuesPerTemplate = 36;

    public static IEnumerable<HostileRequest> Push(HostileTarget target)
    {
        var push = Wire.Batch("b-hostile",
            Wire.Item("n1", 1, "user:desktop", 10, """{"title":"x","count":1,"tags":["a","b"],"meta":{"k":"x"}}""").With("base_version", 2),
            Wire.Item("n9", 3, "ai-local:helper", 10, """{"title":"x"}"""));
        return HostileBodies.Generate(push, 1100, target.Seed).Select((b, i) => new HostileRequest("push", HttpMethod.Post, "/sync/push", FreshBatchId(b, i), i % 10 == 9 ? target.Seeded.Tenant.Tokens["ai-cloud"] : target.Owner));
    }

    /// <summary>Mutations of a conflict resolution and of a proposal resolution (one endpoint takes both).</summary>
    public static IEnumerable<HostileRequest> Resolve(HostileTarget target)
    {
        var conflict = $$"""{"conflict_id":"{{target.Seeded.ConflictId}}","keep":"winner","value":"x"}""";
        var proposal = $$"""{"proposal_id":"{{target.Seeded.ProposalId}}","action":"reject","value":"x"}""";
        return HostileBodies.Generate(conflict, 250, target.Seed).Select(b => new HostileRequest("conflict-resolve", HttpMethod.Post, "/sync/conflict-resolve", b, target.Owner))
            .Concat(HostileBodies.Generate(proposal, 250, target.Seed + 1).Select(b => new HostileRequest("proposal-resolve", HttpMethod.Post, "/sync/conflict-resolve", b, target.Owner)));
    }

    /// <summary>GETs of <paramref name="templates"/> (each ending in <c>=</c>) with hostile query values appended.</summary>
    public static IEnumerable<HostileRequest> Query(HostileTarget target, params string[] templates) =>
        templates.SelectMany((template, k) => HostileBodies.QueryValues(target.Seed + k).Take(QueryValuesPerTemplate)
            .Select(v => new HostileRequest(template[..template.IndexOf('?', StringComparison.Ordinal)], HttpMethod.Get, template + v, null, target.Owner)));

    public static IEnumerable<HostileRequest> Entity(HostileTarget target) =>
        HostileBodies.QueryValues(target.Seed).Skip(13).Take(50).Select((v, i) => new HostileRequest("entity", HttpMethod.Get, i % 2 == 0 ? $"/sync/entities/note/{v}" : $"/sync/entities/{v}/n1", null, target.Owner));

    /// <summary>Requests whose Authorization header is malformed or a forged token.</summary>
    public static IEnumerable<HostileRequest> Authorization(HostileTarget target, string name, string path, int count = 30) =>
        AuthHeaders(target.Seed, count).Select(h => new HostileRequest(name, HttpMethod.Get, path, null, null, h));

    public static IEnumerable<HostileRequest> CreateTenant(HostileTarget target) =>
        HostileBodies.Generate("""{"name":"x","vault_mode":"local_first"}""", 900, target.Seed).Select(b => new HostileRequest("admin/tenants", HttpMethod.Post, "/admin/tenants", b, target.Admin));

    public static IEnumerable<HostileRequest> CreateToken(HostileTarget target)
    {
        var token = $$"""{"tenant":"{{target.Seeded.Tenant.Id}}","as":"user:desktop","can_accept":true,"label":"x"}""";
        return HostileBodies.Generate(token, 900, target.Seed).Select(b => new HostileRequest("admin/tokens", HttpMethod.Post, "/admin/tokens", b, target.Admin));
    }

    public static IEnumerable<HostileRequest> Purge(HostileTarget target) =>
        HostileBodies.QueryValues(target.Seed).Take(150).Select(v => new HostileRequest("admin/purge", HttpMethod.Post, $"/admin/tenants/{target.Seeded.Tenant.Id}/purge-tombstones?up_to={v}", null, target.Admin));

    public static IEnumerable<HostileRequest> ListTokens(HostileTarget target) =>
        HostileBodies.QueryValues(target.Seed).Skip(13).Take(50).Select(v => new HostileRequest("admin/list-tokens", HttpMethod.Get, $"/admin/tenants/{v}/tokens", null, target.Admin));

    public static IEnumerable<HostileRequest> Revoke(HostileTarget target) =>
        HostileBodies.QueryValues(target.Seed).Skip(13).Take(50).Select(v => new HostileRequest("admin/revoke", HttpMethod.Delete, $"/admin/tenants/{target.Seeded.Tenant.Id}/tokens/{v}", null, target.Admin));

    /// <summary>Mutations of an exposure policy change, sent with the owner's token (who may change it).</summary>
    public static IEnumerable<HostileRequest> SetExposure(HostileTarget target) =>
        HostileBodies.Generate("""{"local":"full","lan":"redacted","cloud":"none"}""", 300, target.Seed).Select(b => new HostileRequest("set-exposure", HttpMethod.Put, "/sync/policy/exposure", b, target.Owner));

    public static IEnumerable<HostileRequest> AdminExposure(HostileTarget target) =>
        HostileBodies.QueryValues(target.Seed).Skip(13).Take(50).Select(v => new HostileRequest("admin/exposure", HttpMethod.Get, $"/admin/tenants/{v}/exposure", null, target.Admin));

    /// <summary>Mutations of an exposure policy change of the target tenant, and a good change sent to hostile tenant names.</summary>
    public static IEnumerable<HostileRequest> AdminSetExposure(HostileTarget target) =>
        HostileBodies.Generate("""{"local":"redacted","lan":"none","cloud":"full"}""", 250, target.Seed)
            .Select(b => new HostileRequest("admin/set-exposure", HttpMethod.Put, $"/admin/tenants/{target.Seeded.Tenant.Id}/exposure", b, target.Admin))
            .Concat(HostileBodies.QueryValues(target.Seed + 1).Skip(13).Take(50).Select(v => new HostileRequest("admin/set-exposure", HttpMethod.Put, $"/admin/tenants/{v}/exposure", Encoding.UTF8.GetBytes("""{"cloud":"none"}"""), target.Admin)));

    /// <summary>Mutations of a body sent to one path with the owner's token (or the admin's, for <paramref name="admin"/>).</summary>
    public static IEnumerable<HostileRequest> Body(HostileTarget target, string name, HttpMethod method, string path, string validJson, int count, bool admin = false) =>
        HostileBodies.Generate(validJson, count, target.Seed).Select(b => new HostileRequest(name, method, path, b, admin ? target.Admin : target.Owner));

    /// <summary>Hostile values in the last segment of a path (<paramref name="prefix"/> + value), with a body when given.</summary>
    public static IEnumerable<HostileRequest> PathValues(HostileTarget target, string name, HttpMethod method, string prefix, string? body = null, bool admin = false, string suffix = "") =>
        HostileBodies.QueryValues(target.Seed).Skip(13).Take(50).Select(v => new HostileRequest(name, method, prefix + v + suffix, body is null ? null : Encoding.UTF8.GetBytes(body), admin ? target.Admin : target.Owner));

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
