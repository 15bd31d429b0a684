using System.Text;
using Realign.Core.Rules;
using Realign.EndToEnd.Tests.Harness;
using Realign.Storage;
using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Security;

public sealed class AuthorizationSweepTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryEndpoint_MissingRevokedForgedOrOtherTenantsToken_RefusedAndTenantUnchanged()
    {
        await using var server = await HostedServer.StartSqliteAsync();
        var victim = await SeededTenant.CreateAsync(server);
        var intruder = await SeededTenant.CreateAsync(server);
        var revoked = await server.Store.CreateTokenAsync(new TokenRequest(victim.Tenant.Id, PrincipalKind.UserDevice, "desktop", true, "revoked"));
        Assert.True(await server.Store.RevokeTokenAsync(victim.Tenant.Id, revoked.Principal.PrincipalId));
        var endpoints = EndpointSweep.ForApp(server);
        var requests = endpoints.SelectMany(e => e.Samples(victim).Select(sample => (Endpoint: e, Sample: sample))).ToList();
        Assert.All(endpoints, e => Assert.Contains(requests, r => r.Endpoint == e));
        var before = await TenantSnapshot.TakeAsync(server.Store, victim.Tenant.Id);
        var tenantsBefore = (await server.Store.ListTenantsAsync()).Count;
        var attempts = 0;
        foreach (var (endpoint, (name, path, body)) in requests)
        {
            var method = new HttpMethod(endpoint.Method);
            var admin = endpoint.Access == SweepAccess.Admin;
            Assert.True(EndpointSweep.Routes(endpoint.Pattern, path), $"{name}: {path} does not route to {endpoint.Key}");
            foreach (var (label, token) in new[] { ("none", (string?)null), ("revoked", revoked.Token), ("forged", "rlt_" + new string('A', 43)), ("victim-admin-swap", admin ? victim.Tenant.Owner : server.Admin) })
            {
                var reply = await server.Api.SendAsync(method, path, token, body is null ? null : Encoding.UTF8.GetBytes(body));
                attempts++;
                Assert.True(reply.Status == 401 && reply.Code == "unauthorized", $"{name} with {label}: {reply.Status} {reply.Body}");
            }

            foreach (var (kind, token) in intruder.Tenant.Tokens)
            {
                var reply = await server.Api.SendAsync(method, path, token, body is null ? null : Encoding.UTF8.GetBytes(body));
                attempts++;
                Assert.DoesNotContain(victim.Tenant.Id, reply.Body, StringComparison.Ordinal);
                Assert.True(admin ? reply.Status == 401 : reply.Status < 500, $"{name} by intruder {kind}: {reply.Status} {reply.Body}");
                if (name is "conflict-resolve" or "proposal-resolve")
                {
                    Assert.True(reply.Status is 404 or 403, $"{name} by intruder {kind}: {reply.Status}");
                }
            }
        }

        var revokedUses = (await server.Store.ListEventsAsync(EventLog.Security, victim.Tenant.Id, 0, 1000)).Count(e => e.Kind == "refused-token:revoked" && e.PrincipalId == revoked.Principal.PrincipalId);
        Assert.Equal(requests.Count(r => r.Endpoint.Access == SweepAccess.Tenant), revokedUses);
        var cross = await server.Api.PushAsync(intruder.Tenant.Owner, Wire.Batch("cross-1", Wire.Item("n1", 1, "user:desktop", 30, """{"title":"x"}""").With("tenant_id", victim.Tenant.Id)));
        Assert.Equal(403, cross.Status);
        Assert.Equal("cross-tenant", cross.Code);
        Assert.Contains(await server.Store.ListEventsAsync(EventLog.Security, intruder.Tenant.Id, 0, 1000), e => e.Kind == "refused-batch:cross-tenant" && e.BatchId == "cross-1");
        Assert.Equal(before, await TenantSnapshot.TakeAsync(server.Store, victim.Tenant.Id));
        Assert.Equal(tenantsBefore, (await server.Store.ListTenantsAsync()).Count);
        output.WriteLine($"{endpoints.Count} swept endpoints of the app ({SweepTable.Exempt.Count} exempt), {requests.Count} requests, {attempts} unauthorised attempts, 0 escalations");
    }

    [Fact]
    public async Task EveryPrincipalKind_EachServerOwnedFieldOrEscalation_RefusedLoggedNothingStored()
    {
        await using var server = await HostedServer.StartSqliteAsync();
        var seeded = await SeededTenant.CreateAsync(server);
        var other = await server.NewTenantAsync();
        var refusals = 0;
        foreach (var (name, kind, channel, canAccept) in Principals.All)
        {
            foreach (var (attack, item, code) in Attacks.For(name, kind, channel, canAccept, other.Id))
            {
                var before = await TenantSnapshot.TakeAsync(server.Store, seeded.Tenant.Id);
                var batchId = $"{name}-{attack}";
                var reply = await server.Api.PushAsync(seeded.Tenant.Tokens[name], Wire.Batch(batchId, item));
                Assert.True(reply.Status == 403 && reply.Code == code, $"{name} {attack}: expected 403 {code}, got {reply.Status} {reply.Body}");
                Assert.Equal(before, await TenantSnapshot.TakeAsync(server.Store, seeded.Tenant.Id));
                var events = await server.Store.ListEventsAsync(EventLog.Security, seeded.Tenant.Id, 0, 1000);
                Assert.Contains(events, e => e.Kind == "refused-batch:" + code && e.BatchId == batchId && e.PrincipalId == seeded.Tenant.PrincipalIds[name]);
                refusals++;
            }

            if (kind != PrincipalKind.UserDevice || !canAccept)
            {
                var before = await TenantSnapshot.TakeAsync(server.Store, seeded.Tenant.Id);
                var body = kind == PrincipalKind.UserDevice
                    ? $$"""{"proposal_id":"{{seeded.ProposalId}}","action":"accept"}"""
                    : $$"""{"conflict_id":"{{seeded.ConflictId}}","keep":"loser"}""";
                var reply = await server.Api.SendAsync(HttpMethod.Post, "/sync/conflict-resolve", seeded.Tenant.Tokens[name], body);
                Assert.True(reply.Status == 403 && reply.Code == "forbidden", $"{name} resolve: {reply.Status} {reply.Body}");
                Assert.Equal(before, await TenantSnapshot.TakeAsync(server.Store, seeded.Tenant.Id));
                var events = await server.Store.ListEventsAsync(EventLog.Security, seeded.Tenant.Id, 0, 1000);
                Assert.Contains(events, e => e.Kind == "refused-resolve:forbidden" && e.PrincipalId == seeded.Tenant.PrincipalIds[name]);
                refusals++;

                var exposure = await server.Api.SendAsync(HttpMethod.Put, "/sync/policy/exposure", seeded.Tenant.Tokens[name], """{"cloud":"full"}""");
                Assert.True(exposure.Status == 403 && exposure.Code == "forbidden", $"{name} set exposure: {exposure.Status} {exposure.Body}");
                Assert.Equal(before, await TenantSnapshot.TakeAsync(server.Store, seeded.Tenant.Id));
                events = await server.Store.ListEventsAsync(EventLog.Security, seeded.Tenant.Id, 0, 1000);
                Assert.Contains(events, e => e.Kind == "refused-exposure:forbidden" && e.PrincipalId == seeded.Tenant.PrincipalIds[name]);
                refusals++;
            }
        }

        foreach (var (name, kind, channel, _) in Principals.All)
        {
            var fine = await server.Api.PushAsync(seeded.Tenant.Tokens[name], Wire.Batch(Attacks.Base(name, kind, channel, "ok-" + name)));
            Assert.True(fine.Ok, $"{name} base item: {fine.Status} {fine.Body}");
        }

        output.WriteLine($"{Principals.All.Count} principals, {refusals} refused escalation attempts, each logged, 0 escalations");
    }
}
