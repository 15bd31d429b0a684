using Realign.EndToEnd.Tests.Harness;
using Realign.EndToEnd.Tests.Hostile;

namespace Realign.EndToEnd.Tests.Security;

/// <summary>How to sweep each endpoint of the app, and the endpoints left out on purpose. The sweeps take their endpoint
/// list from the running app (<see cref="EndpointSweep.ForApp"/>) and look each one up here; an endpoint in neither list,
/// or an entry the app no longer maps, fails <see cref="EndpointCoverageTests"/>.</summary>
public static class SweepTable
{
    private const string Get = "GET";
    private const string Post = "POST";
    private const string Put = "PUT";
    private const string Delete = "DELETE";

    private const string UiSession = "the review UI (docs/review-ui.md): a cookie session, not a bearer token; every page, poll and action is swept without a session, with another tenant's session and without antiforgery by Realign.Web.Tests' ServerUiSweepTests";
    private const string UiPublic = "the review UI's sign-in page, stylesheet and script, public by design (no tenant data); swept with the UI in Realign.Web.Tests' ServerUiSweepTests";

    public static IReadOnlyList<SweptEndpoint> Swept { get; } =
    [
        new(Get, "/auth/me", SweepAccess.Tenant,
            _ => [new("auth/me", "/auth/me", null)],
            t => HostileLanes.Authorization(t, "auth/me", "/auth/me")),
        new(Post, "/sync/push", SweepAccess.Tenant,
            _ => [new("push", "/sync/push", Wire.Batch(Wire.Item("n1", 1, "user:desktop", 20, """{"title":"hijack"}""")))],
            HostileLanes.Push),
        new(Get, "/sync/pull", SweepAccess.Tenant,
            _ => [new("pull", "/sync/pull?since=0", null)],
            t => HostileLanes.Query(t, "/sync/pull?since=", "/sync/pull?since=0&limit=")),
        new(Get, "/sync/wait", SweepAccess.Tenant,
            _ => [new("wait", "/sync/wait?since=0&timeout=1", null)],
            t => HostileLanes.Query(t, "/sync/wait?since=0&timeout=")),
        new(Get, "/sync/checksum", SweepAccess.Tenant,
            _ => [new("checksum", "/sync/checksum", null)],
            t => HostileLanes.Authorization(t, "checksum", "/sync/checksum")),
        new(Get, "/sync/entities/{entityType}/{entityId}", SweepAccess.Tenant,
            _ => [new("entity", "/sync/entities/note/n1", null)],
            HostileLanes.Entity),
        new(Get, "/sync/conflicts", SweepAccess.Tenant,
            _ => [new("conflicts", "/sync/conflicts?status=all", null)],
            t => HostileLanes.Query(t, "/sync/conflicts?status=")),
        new(Get, "/sync/proposals", SweepAccess.Tenant,
            _ => [new("proposals", "/sync/proposals?status=all", null)],
            t => HostileLanes.Query(t, "/sync/proposals?status=")),
        new(Post, "/sync/conflict-resolve", SweepAccess.Tenant,
            s =>
            [
                new("conflict-resolve", "/sync/conflict-resolve", $$"""{"conflict_id":"{{s.ConflictId}}","keep":"loser"}"""),
                new("proposal-resolve", "/sync/conflict-resolve", $$"""{"proposal_id":"{{s.ProposalId}}","action":"accept"}"""),
            ],
            HostileLanes.Resolve),
        new(Get, "/sync/events", SweepAccess.Tenant,
            _ => [new("events", "/sync/events", null)],
            t => HostileLanes.Query(t, "/sync/events?after=", "/sync/events?limit=", "/sync/events?newest=")),
        new(Get, "/security/events", SweepAccess.Tenant,
            _ => [new("security-events", "/security/events", null)],
            t => HostileLanes.Query(t, "/security/events?after=", "/security/events?limit=", "/security/events?newest=")),
        new(Get, "/sync/policy/exposure", SweepAccess.Tenant,
            _ => [new("exposure", "/sync/policy/exposure", null)],
            t => HostileLanes.Authorization(t, "exposure", "/sync/policy/exposure")),
        new(Put, "/sync/policy/exposure", SweepAccess.Tenant,
            _ => [new("set-exposure", "/sync/policy/exposure", """{"local":"full","lan":"full","cloud":"full"}""")],
            HostileLanes.SetExposure),
        new(Get, "/admin/tenants", SweepAccess.Admin,
            _ => [new("admin/list-tenants", "/admin/tenants", null)],
            t => HostileLanes.Authorization(t, "admin/tenants", "/admin/tenants")),
        new(Post, "/admin/tenants", SweepAccess.Admin,
            _ => [new("admin/create-tenant", "/admin/tenants", """{"name":"intruder","vault_mode":"local_first"}""")],
            HostileLanes.CreateTenant),
        new(Post, "/admin/tokens", SweepAccess.Admin,
            s => [new("admin/create-token", "/admin/tokens", $$"""{"tenant":"{{s.Tenant.Id}}","as":"user:desktop","can_accept":true}""")],
            HostileLanes.CreateToken),
        new(Get, "/admin/tenants/{tenant}/tokens", SweepAccess.Admin,
            s => [new("admin/list-tokens", $"/admin/tenants/{s.Tenant.Id}/tokens", null)],
            HostileLanes.ListTokens),
        new(Delete, "/admin/tenants/{tenant}/tokens/{principalId}", SweepAccess.Admin,
            s => [new("admin/revoke", $"/admin/tenants/{s.Tenant.Id}/tokens/{s.Tenant.PrincipalIds["mobile"]}", null)],
            HostileLanes.Revoke),
        new(Post, "/admin/tenants/{tenant}/purge-tombstones", SweepAccess.Admin,
            s => [new("admin/purge", $"/admin/tenants/{s.Tenant.Id}/purge-tombstones?up_to=1000", null)],
            HostileLanes.Purge),
        new(Get, "/admin/tenants/{tenant}/exposure", SweepAccess.Admin,
            s => [new("admin/exposure", $"/admin/tenants/{s.Tenant.Id}/exposure", null)],
            HostileLanes.AdminExposure),
        new(Put, "/admin/tenants/{tenant}/exposure", SweepAccess.Admin,
            s => [new("admin/set-exposure", $"/admin/tenants/{s.Tenant.Id}/exposure", """{"cloud":"full"}""")],
            HostileLanes.AdminSetExposure),
    ];

    public static IReadOnlyList<ExemptEndpoint> Exempt { get; } =
    [
        new(Get, "/healthz", "liveness probe: public by design, reads no tenant data and writes nothing (its reply names the backend only)"),
        new(Get, "/openapi/{documentName}.json", "the API description, public by design: generated from the endpoint metadata, no tenant data"),
        new(Get, "/docs/{documentName?}", "the Scalar API reference page, public by design: a static page over the API description"),
        new(Get, "/docs/scalar.js", "a static script of the Scalar API reference page, public by design"),
        new(Get, "/docs/scalar.aspnetcore.js", "a static script of the Scalar API reference page, public by design"),
        new(Get, "/docs/favicon.svg", "the icon of the Scalar API reference page, public by design"),
        new(Get, "/ui/inbox-version", UiSession),
        new(Get, "/ui/app.css", UiPublic),
        new(Get, "/ui/app.js", UiPublic),
        new(Get, "/_framework/blazor.web.js", UiPublic),
        new(Post, "/actions/accept", UiSession),
        new(Post, "/actions/reject", UiSession),
        new(Post, "/actions/promote", UiSession),
        new(Post, "/actions/undo", UiSession),
        new(Post, "/actions/resolve", UiSession),
        new(Post, "/actions/discard", UiSession),
        new(Post, "/actions/batch", UiSession),
        new(Get, "/_framework/opaque-redirect", "Blazor's own redirect helper of the review UI's pages (a data-protected target, no tenant data); swept with the UI in Realign.Web.Tests' ServerUiSweepTests"),
        new(Get, "/batch", UiSession),
        new(Post, "/batch", UiSession),
        new(Get, "/conflicts", UiSession),
        new(Post, "/conflicts", UiSession),
        new(Get, "/entities", UiSession),
        new(Post, "/entities", UiSession),
        new(Get, "/entity/{EntityType}/{EntityId}", UiSession),
        new(Post, "/entity/{EntityType}/{EntityId}", UiSession),
        new(Get, "/", UiSession),
        new(Post, "/", UiSession),
        new(Get, "/logs", UiSession),
        new(Post, "/logs", UiSession),
        new(Get, "/signin", UiPublic),
        new(Post, "/signin", UiPublic),
        new(Post, "/ui/signin", UiPublic),
        new(Post, "/ui/signout", UiSession),
    ];
}
