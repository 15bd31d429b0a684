using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Realign.Core.Contract;
using Realign.Storage;
using Realign.Web.Hosting;

namespace Realign.Web.Tests;

/// <summary>Every endpoint of the server's review UI, read from the running app, without a session, with another tenant's
/// session, without an antiforgery token, and with a token that may view but not decide: each refused or scoped, the
/// victim tenant unchanged, and each refusal of a signed-in user a <c>security_events</c> row.</summary>
public sealed class ServerUiSweepTests
{
    private static readonly string[] Public = ["GET /ui/app.css", "GET /ui/app.js", "GET /_framework/blazor.web.js", "GET /signin"];

    /// <summary>The UI's endpoints as "METHOD pattern", from the app's endpoint data source.</summary>
    private static List<string> UiEndpoints(HostedServer server) =>
        [.. server.Endpoints.Where(e => e.Metadata.GetMetadata<ReviewUiEndpoint>() is not null || e.RoutePattern.RawText == "/_framework/opaque-redirect")
            .SelectMany(e => HostedServer.MethodsOf(e).Select(m => $"{m} {e.RoutePattern.RawText}")).Distinct()];

    private static string Sample(string pattern, string proposalId) => pattern switch
    {
        "/entity/{EntityType}/{EntityId}" => "/entity/note/n1",
        "/batch" => $"/batch?action=accept&id={proposalId}",
        _ => pattern,
    };

    /// <summary>The Security page's changes of the session's own tenant: another tenant's session makes them to its own
    /// tenant (which is its right), and the sweep checks the victim's tenant is unchanged by them.</summary>
    private static readonly HashSet<string> OwnTenantOnly = ["/actions/security/totp-start", "/actions/security/totp-activate", "/actions/security/pin", "/actions/security/remove", "/actions/security/channel"];

    private static (string Name, string Value)[] Fields(string path, string proposalId, string conflictId, string victimDevice) => path switch
    {
        "/actions/security/rename" => [("principal_id", victimDevice), ("label", "taken over")],
        "/actions/security/revoke" => [("principal_id", victimDevice)],
        "/actions/security/channel" => [("channel", "voice"), ("levels", "1,2"), ("confirm_levels", ""), ("accept", "allow")],
        "/actions/security/pin" => [("new_pin", "4071")],
        "/actions/accept" or "/actions/reject" => [("proposal_id", proposalId)],
        "/actions/batch" => [("action", "accept"), ("id", proposalId)],
        "/actions/promote" or "/actions/discard" => [("entity_type", "task"), ("entity_id", "t1")],
        "/actions/undo" => [("entity_type", "note"), ("entity_id", "n1"), ("field", "title")],
        "/actions/resolve" => [("conflict_id", conflictId), ("keep", "loser")],
        _ => [],
    };

    [Fact]
    public async Task EveryUiEndpoint_WithoutASession_OrWithAnotherTenantsSession_LeavesTheTenantUnchanged()
    {
        await using var s = await ServerUiSetup.StartAsync();
        var conflictId = await MakeConflictAsync(s);
        var proposalId = await s.ProposalAsync("n1");
        var intruderTenant = await s.Server.NewTenantAsync(Realign.Core.Contract.VaultMode.CloudFirst);
        var endpoints = UiEndpoints(s.Server);
        Assert.True(endpoints.Count >= 25, string.Join(", ", endpoints));
        var before = await SnapshotAsync(s.Server.Store, s.Tenant.Id);

        using var anonymous = UiSession.Anonymous(s.Server.BaseAddress);
        using var intruder = await UiSession.SignInAsync(s.Server.BaseAddress, intruderTenant.Tokens["web"]);
        var sweeps = 0;
        foreach (var endpoint in endpoints)
        {
            var (method, pattern) = (endpoint[..endpoint.IndexOf(' ')], endpoint[(endpoint.IndexOf(' ') + 1)..]);
            var path = Sample(pattern, proposalId);
            if (method == "GET")
            {
                var reply = await anonymous.Http.GetAsync(path);
                if (Public.Contains(endpoint))
                {
                    Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
                }
                else
                {
                    Assert.True(reply.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"{endpoint} without a session: {(int)reply.StatusCode}");
                    Assert.True(reply.StatusCode != HttpStatusCode.Redirect || reply.Headers.Location!.OriginalString.Contains("/signin", StringComparison.Ordinal), $"{endpoint}: {reply.Headers.Location}");
                }

                var body = await (await intruder.Http.GetAsync(path)).Content.ReadAsStringAsync();
                // (The intruder's own log may quote the ids it tried; nothing else of the victim may appear.)
                foreach (var secret in pattern == "/logs" ? new[] { "Boiler", s.Tenant.Id } : ["Boiler", s.Tenant.Id, proposalId])
                {
                    Assert.False(body.Contains(secret, StringComparison.Ordinal), $"{endpoint} with another tenant's session shows {secret}: {body}");
                }

            }
            else
            {
                var fields = Fields(pattern, proposalId, conflictId, s.Tenant.PrincipalIds["mobile"]);
                var bare = await anonymous.Http.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));
                Assert.True((int)bare.StatusCode is 400 or 401, $"{endpoint} without a session: {(int)bare.StatusCode}");
                if (pattern != "/ui/signin" && pattern != "/ui/signout")
                {
                    var cross = await intruder.PostFormAsync(path, fields);
                    Assert.True((int)cross.StatusCode is 400 or 403 or 404 || (cross.StatusCode == HttpStatusCode.SeeOther && (OwnTenantOnly.Contains(pattern) || cross.Headers.Location!.OriginalString.Contains("error=", StringComparison.Ordinal))),
                        $"{endpoint} with another tenant's session: {(int)cross.StatusCode} {cross.Headers.Location}");
                }
            }

            sweeps++;
        }

        Assert.Equal(before, await SnapshotAsync(s.Server.Store, s.Tenant.Id));
        var intruderEvents = await s.Server.Store.ListEventsAsync(EventLog.Security, intruderTenant.Id, 0, 1000);
        Assert.Contains(intruderEvents, e => e.Kind == "refused-ui:not-found" && e.DetailJson.Contains("/actions/accept", StringComparison.Ordinal));
        Assert.Contains(intruderEvents, e => e.Kind == "refused-ui:not-found" && e.DetailJson.Contains("/entity/note/n1", StringComparison.Ordinal));
        Assert.DoesNotContain(await s.Server.Store.ListEventsAsync(EventLog.Security, s.Tenant.Id, 0, 1000), e => e.PrincipalId == intruderTenant.PrincipalIds["web"]);
        Assert.True(sweeps == endpoints.Count);
    }

    [Fact]
    public async Task AnotherTenantsIds_Get404_AndTheirOwnTenantLogsTheProbe()
    {
        await using var s = await ServerUiSetup.StartAsync();
        var intruderTenant = await s.Server.NewTenantAsync(Realign.Core.Contract.VaultMode.CloudFirst);
        using var intruder = await UiSession.SignInAsync(s.Server.BaseAddress, intruderTenant.Tokens["web"]);
        var proposalId = await s.ProposalAsync("n1");
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.Http.GetAsync("/entity/note/n1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostFormAsync("/actions/accept", ("proposal_id", proposalId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostFormAsync("/actions/promote", ("entity_type", "task"), ("entity_id", "t1"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostFormAsync("/actions/undo", ("entity_type", "note"), ("entity_id", "n1"), ("field", "title"))).StatusCode);
        Assert.Equal(3, (await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending")).Count);
        Assert.Equal(3, (await s.HeadAsync("task", "t1")).TruthLevel);
        var probes = (await s.Server.Store.ListEventsAsync(EventLog.Security, intruderTenant.Id, 0, 100)).Where(e => e.Kind == "refused-ui:not-found").ToList();
        Assert.True(probes.Count == 4, string.Join("\n", probes.Select(p => p.DetailJson)));
        Assert.All(probes, e => Assert.Equal(intruderTenant.PrincipalIds["web"], e.PrincipalId));
    }

    [Fact]
    public async Task AFormPostWithoutItsAntiforgeryToken_IsRefusedAndLogged_EvenWhereNoFormIsBound()
    {
        await using var s = await ServerUiSetup.StartAsync();
        using var session = await UiSession.SignInAsync(s.Server.BaseAddress, s.Tenant.Tokens["web"]);
        var proposalId = await s.ProposalAsync("n1");
        var forged = await session.Http.PostAsync("/actions/accept", new FormUrlEncodedContent([new("proposal_id", proposalId)]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var empty = await session.Http.PostAsync("/actions/accept", null);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var wrong = await session.Http.PostAsync("/actions/reject", new FormUrlEncodedContent([new("proposal_id", proposalId), new("__RequestVerificationToken", "CfDJ8forged")]));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var signOut = await session.Http.PostAsync("/ui/signout", null);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(3, (await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending")).Count);
        var events = await s.Server.Store.ListEventsAsync(EventLog.Security, s.Tenant.Id, 0, 100);
        Assert.Equal(4, events.Count(e => e.Kind == "refused-ui:antiforgery" && e.PrincipalId == s.Tenant.PrincipalIds["web"]));

        var accepted = await session.PostFormAsync("/actions/accept", ("proposal_id", proposalId));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal("/?done=accepted", accepted.Headers.Location!.OriginalString);
        Assert.Equal(2, (await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending")).Count);
    }

    [Fact]
    public async Task ATokenWithoutTheAcceptRight_SeesTheInbox_ButEveryDecisionIsRefusedAndLogged()
    {
        await using var s = await ServerUiSetup.StartAsync();
        using var session = await UiSession.SignInAsync(s.Server.BaseAddress, s.Tenant.Tokens["mobile"]);
        var inbox = await session.Http.GetStringAsync("/");
        Assert.True(inbox.Contains("view only", StringComparison.Ordinal), inbox);
        var proposalId = await s.ProposalAsync("n1");
        Assert.Contains(proposalId, inbox, StringComparison.Ordinal);
        Assert.DoesNotContain("actions/accept", inbox, StringComparison.Ordinal);
        var decisions = new (string Path, (string, string)[] Fields)[]
        {
            ("/actions/accept", [("proposal_id", proposalId)]),
            ("/actions/reject", [("proposal_id", proposalId)]),
            ("/actions/batch", [("action", "accept"), ("id", proposalId)]),
            ("/actions/promote", [("entity_type", "task"), ("entity_id", "t1")]),
            ("/actions/discard", [("entity_type", "task"), ("entity_id", "t1")]),
            ("/actions/undo", [("entity_type", "note"), ("entity_id", "n1"), ("field", "title")]),
        };
        foreach (var (path, fields) in decisions)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await session.PostFormAsync(path, fields)).StatusCode);
        }

        Assert.Equal(3, (await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending")).Count);
        Assert.Equal(3, (await s.HeadAsync("task", "t1")).TruthLevel);
        var refused = (await s.Server.Store.ListEventsAsync(EventLog.Security, s.Tenant.Id, 0, 100)).Where(e => e.Kind == "refused-ui:forbidden").ToList();
        Assert.Equal(decisions.Length, refused.Count);
        Assert.All(refused, e => Assert.Equal(s.Tenant.PrincipalIds["mobile"], e.PrincipalId));
    }

    [Fact]
    public async Task SignIn_RefusesMachinesAndStrangers_NeverRedirectsAway_AndARevokedTokenEndsItsSession()
    {
        await using var s = await ServerUiSetup.StartAsync();
        using (var stranger = UiSession.Anonymous(s.Server.BaseAddress))
        {
            var reply = await stranger.SignInRawAsync("rlt_" + new string('A', 43));
            Assert.Equal(HttpStatusCode.SeeOther, reply.StatusCode);
            Assert.StartsWith("/signin?error=", reply.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await stranger.Http.GetAsync("/")).StatusCode);
        }

        using (var machine = UiSession.Anonymous(s.Server.BaseAddress))
        {
            var reply = await machine.SignInRawAsync(s.Tenant.Tokens["ai-cloud"]);
            Assert.StartsWith("/signin?error=", reply.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await machine.Http.GetAsync("/")).StatusCode);
        }

        Assert.Contains(await s.Server.Store.ListEventsAsync(EventLog.Security, s.Tenant.Id, 0, 100), e => e.Kind == "refused-ui:signin" && e.PrincipalId == s.Tenant.PrincipalIds["ai-cloud"]);

        using (var away = UiSession.Anonymous(s.Server.BaseAddress))
        {
            foreach (var target in new[] { "//attacker.example/", "https://attacker.example/", "/\\attacker.example", "/\t/attacker.example", "/\r\n/attacker.example", "/caf\u00e9" })
            {
                var reply = await away.SignInRawAsync(s.Tenant.Tokens["web"], target);
                Assert.Equal("/", reply.Headers.Location!.OriginalString);
            }

            Assert.Equal("/logs", (await away.SignInRawAsync(s.Tenant.Tokens["web"], "/logs")).Headers.Location!.OriginalString);
        }

        using var session = await UiSession.SignInAsync(s.Server.BaseAddress, s.Tenant.Tokens["cli"]);
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync("/")).StatusCode);
        Assert.True(await s.Server.Store.RevokeTokenAsync(s.Tenant.Id, s.Tenant.PrincipalIds["cli"]));
        var after = await session.Http.GetAsync("/entities");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/signin", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains(await s.Server.Store.ListEventsAsync(EventLog.Security, s.Tenant.Id, 0, 100), e => e.Kind == "refused-token:revoked" && e.PrincipalId == s.Tenant.PrincipalIds["cli"]);
    }

    [Fact]
    public async Task ThePages_EncodeHostileContent_AndCarryAStrictPolicy()
    {
        await using var s = await ServerUiSetup.StartAsync();
        using var session = await UiSession.SignInAsync(s.Server.BaseAddress, s.Tenant.Tokens["web"]);
        foreach (var path in new[] { "/", "/entities", "/entity/note/n1", "/logs", "/conflicts" })
        {
            var reply = await session.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
            Assert.Equal(ReviewUi.ContentSecurityPolicy, reply.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("DENY", reply.Headers.GetValues("X-Frame-Options").Single());
            var html = await reply.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
            if (path is "/" or "/entities" or "/entity/note/n1")
            {
                Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
            }
        }

        // Assets are revalidated by their ETag: unchanged, a 304 without a body.
        foreach (var asset in new[] { "/ui/app.css", "/ui/app.js", "/_framework/blazor.web.js" })
        {
            var first = await session.Http.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True((await first.Content.ReadAsByteArrayAsync()).Length > 100);
            using var again = new HttpRequestMessage(HttpMethod.Get, asset);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            var second = await session.Http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Equal("no-cache", second.Headers.CacheControl!.ToString());
        }

        // The API is not the UI: its answers keep their own headers, and /docs still works under its own policy.
        var api = await s.Server.Api.GetAsync("/auth/me", s.Tenant.Owner);
        Assert.Equal(200, api.Status);
        using var plain = new HttpClient { BaseAddress = s.Server.BaseAddress };
        var docs = await plain.GetAsync("/docs/");
        Assert.False(docs.Headers.Contains("Content-Security-Policy") && docs.Headers.GetValues("Content-Security-Policy").Single() == ReviewUi.ContentSecurityPolicy);
    }

    [Fact]
    public async Task TheInbox_FiltersByLevelAuthorAndType()
    {
        await using var s = await ServerUiSetup.StartAsync();
        using var session = await UiSession.SignInAsync(s.Server.BaseAddress, s.Tenant.Tokens["web"]);
        var ids = new[] { await s.ProposalAsync("n1"), await s.ProposalAsync("n2"), await s.ProposalAsync("n3") };
        async Task<(int Suggestions, bool Task)> ShownAsync(string query)
        {
            var html = await session.Http.GetStringAsync("/" + query);
            return (ids.Count(id => html.Contains($"id=\"{id}\"", StringComparison.Ordinal)), html.Contains("new task: Call the plumber", StringComparison.Ordinal));
        }

        Assert.Equal((3, true), await ShownAsync(""));
        Assert.Equal((0, true), await ShownAsync("?level=3"));
        Assert.Equal((3, false), await ShownAsync("?level=5"));
        Assert.Equal((3, false), await ShownAsync("?origin=ai-cloud%3Allm"));
        Assert.Equal((0, true), await ShownAsync("?type=task"));
        Assert.Equal((0, false), await ShownAsync("?type=task&level=5"));
        Assert.Contains("Nothing matches these filters.", await session.Http.GetStringAsync("/?type=task&level=5"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASession_HoldsOnASecondServerOfTheSameStore_WhoseKeyRingIsInTheStore()
    {
        await using var s = await ServerUiSetup.StartAsync();
        using var session = await UiSession.SignInAsync(s.Server.BaseAddress, s.Tenant.Tokens["web"]);
        var form = await session.FormTokenAsync("/");
        // The key ring that sealed the cookie is in the store, not in a folder of this machine.
        var keys = await s.Server.Store.ListProtectionKeysAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.Contains("<key ", k, StringComparison.Ordinal));
        await using var second = await Realign.Server.RealignServerHost.StartAsync(new Realign.Server.RealignServerOptions { Url = "http://127.0.0.1:0", Store = s.Server.Store, Automations = false, MinimumLogLevel = Microsoft.Extensions.Logging.LogLevel.Critical });

        // Cookies are per host name, not per port: the same jar carries the session and the antiforgery cookie to the second server.
        var page = await session.Http.GetAsync(new Uri(second.BaseAddress, "/entities"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Call the plumber", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var proposalId = await s.ProposalAsync("n1");
        var accepted = await session.Http.PostAsync(new Uri(second.BaseAddress, "/actions/accept"), new FormUrlEncodedContent([new("__RequestVerificationToken", form), new("proposal_id", proposalId)]));
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Equal(2, (await s.Server.Store.ListProposalsAsync(s.Tenant.Id, "pending")).Count);
    }

    [Fact]
    public async Task Undo_OnlyWhileTheFieldStillHoldsTheAccept_AndPromote_RefusesFieldsNoPushMayWrite()
    {
        await using var s = await ServerUiSetup.StartAsync();
        using var session = await UiSession.SignInAsync(s.Server.BaseAddress, s.Tenant.Tokens["web"]);
        Assert.Equal(HttpStatusCode.SeeOther, (await session.PostFormAsync("/actions/accept", ("proposal_id", await s.ProposalAsync("n1")))).StatusCode);
        Assert.Contains("Undo accept", await session.Http.GetStringAsync("/entity/note/n1"), StringComparison.Ordinal);

        // The owner's vault writes the title since: there is nothing left to undo, and the page no longer offers it.
        await s.Client.SyncAsync();
        s.Vault.Put("note", "n1", """{"title":"Boiler: fixed"}""");
        await s.Client.SyncAsync();
        Assert.DoesNotContain("Undo accept", await session.Http.GetStringAsync("/entity/note/n1"), StringComparison.Ordinal);
        var undo = await session.PostFormAsync("/actions/undo", ("entity_type", "note"), ("entity_id", "n1"), ("field", "title"));
        Assert.Contains("error=", undo.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal("Boiler: fixed", (await s.HeadAsync("note", "n1")).Payload!.Value.GetProperty("title").GetString());

        var before = await s.HeadAsync("task", "t1");
        foreach (var field in new[] { "f._deleted", "f.", "f. padded" })
        {
            var promote = await session.PostFormAsync("/actions/promote", ("entity_type", "task"), ("entity_id", "t1"), (field, "x"));
            Assert.True(promote.Headers.Location!.OriginalString.Contains("error=", StringComparison.Ordinal), field);
        }

        var big = await session.PostFormAsync("/actions/promote", ("entity_type", "task"), ("entity_id", "t1"), ("f.title", new string('x', 300 * 1024)));
        Assert.Contains("error=", big.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(before.Version, (await s.HeadAsync("task", "t1")).Version);
        var keep = await session.PostFormAsync("/actions/resolve", ("conflict_id", "c_nothing"), ("keep", "both"));
        Assert.Contains("error=", keep.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<string> MakeConflictAsync(ServerUiSetup s)
    {
        using var otherTransport = new Realign.Vault.Sync.HttpSyncTransport(s.Server.BaseAddress, s.Tenant.Tokens["cli"]);
        using var other = Realign.Vault.LocalVault.Create(s.Server.Folder.Sub("conflict-other"), new Realign.Vault.VaultSettings(s.Tenant.Id, "cli", VaultMode.CloudFirst, s.Server.Url));
        var otherClient = new Realign.Vault.Sync.SyncClient(other, otherTransport);
        await otherClient.SyncAsync();
        s.Vault.Put("note", "n2", """{"body":"A."}""");
        other.Put("note", "n2", """{"body":"B."}""");
        await s.Client.SyncAsync();
        await otherClient.SyncAsync();
        return Assert.Single(await s.Server.Store.ListConflictsAsync(s.Tenant.Id, "open")).ConflictId!;
    }

    /// <summary>Every live head, proposal and conflict of the tenant, as JSON.</summary>
    private static async Task<string> SnapshotAsync(IReplicaStore store, string tenantId)
    {
        var text = new StringBuilder();
        await foreach (var head in store.BrowseEntitiesAsync(tenantId, null, false, null, 10_000))
        {
            text.Append(Encoding.UTF8.GetString(head.HeadUtf8.Span)).Append('\n');
        }

        text.Append(JsonSerializer.Serialize((await store.ListProposalsAsync(tenantId, null)).ToList(), RealignJsonContext.Default.ListProposalDto));
        text.Append(JsonSerializer.Serialize((await store.ListConflictsAsync(tenantId, null)).ToList(), RealignJsonContext.Default.ListConflictDto));
        foreach (var p in await store.ListPrincipalsAsync(tenantId))
        {
            text.Append('\n').Append(p.PrincipalId).Append(':').Append(p.Label).Append(':').Append(p.Revoked);
        }

        text.Append('\n').Append((await store.GetChannelPolicyAsync(tenantId)).UpdatedAt);
        text.Append('\n').AppendJoin(',', (await store.GetConfirmStateAsync(tenantId)).Factors.Keys.Order(StringComparer.Ordinal));
        return text.ToString();
    }
}
