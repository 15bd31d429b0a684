using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Realign.Core.Contract;
using Realign.Server.Internal;

namespace Realign.Server.Api;

/// <summary>The sync API: push, pull, conflicts, proposals, resolution, the exposure policy and the audit logs, all scoped to the token's tenant.</summary>
public static partial class SyncApi
{
    /// <summary>Maps every sync endpoint; each requires a bearer token.</summary>
    public static IEndpointRouteBuilder MapSyncApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("").AddEndpointFilter(Bearer.RequireToken).WithTags("sync");
        api.MapGet("/auth/me", Me).WithName("Me").WithSummary("Who the token is: tenant, principal, levels and origin prefixes it may write.");
        api.MapPost("/sync/push", PushAsync).WithName("Push").Accepts<PushRequest>("application/json")
            .WithSummary("Applies a batch all or nothing; a refused batch stores nothing and names each offending item.");
        api.MapGet("/sync/pull", PullAsync).WithName("Pull").Produces<PullResponse>()
            .WithSummary("Entity heads changed after a cursor (or an ISO-8601 time), in cursor order, streamed.");
        api.MapGet("/sync/wait", WaitAsync).WithName("Wait")
            .WithSummary("Long poll: answers when the tenant's cursor passes `since` (then pull), or after `timeout` seconds (default 25, at most 60).");
        api.MapGet("/sync/checksum", ChecksumAsync).WithName("Checksum")
            .WithSummary("A hash over the registers of the tenant's live entities, with the cursor it belongs to; a replica synced to that cursor compares its own.");
        api.MapGet("/sync/entities/{entityType}/{entityId}", EntityAsync).WithName("Entity").WithSummary("The current head of one entity.");
        api.MapGet("/sync/conflicts", ConflictsAsync).WithName("Conflicts").WithSummary("User-versus-user conflicts: open, resolved or all.");
        api.MapGet("/sync/proposals", ProposalsAsync).WithName("Proposals").WithSummary("Proposals: pending, accepted, rejected or all.");
        api.MapPost("/sync/conflict-resolve", ResolveAsync).WithName("Resolve").Accepts<ResolveRequest>("application/json")
            .WithSummary("Resolves a conflict (keep winner or loser, or a merged value) or accepts/rejects a proposal, as a level-1 write.");
        api.MapGet("/sync/policy/exposure", ExposureAsync).WithName("Exposure")
            .WithSummary("The tenant's exposure policy: what AI on each level may read (local, lan, cloud: full, redacted, vectors or none); the defaults of its vault mode until set.");
        api.MapPut("/sync/policy/exposure", SetExposureAsync).WithName("SetExposure").Accepts<ExposurePolicyDto>("application/json")
            .WithSummary("Changes the exposure policy (levels left out keep theirs); only the owner's device token (a user device with the accept right) may; each change and refusal is in the security log.");
        api.MapGet("/sync/policy/channels", ChannelsAsync).WithName("Channels")
            .WithSummary("The tenant's channel policy: per channel (desktop, web, mobile, cli, voice, iot) the levels it writes, those it writes only with a confirmation, and whether it accepts; the defaults until set.");
        api.MapPut("/sync/policy/channels", SetChannelsAsync).WithName("SetChannels").Accepts<ChannelPolicyDto>("application/json")
            .WithSummary("Changes the channel policy (channels and fields left out keep theirs); only the owner's device token may; each change and refusal is in the security log.");
        api.MapGet("/sync/confirm", ConfirmStatusAsync).WithName("ConfirmStatus")
            .WithSummary("Which confirmations the tenant's user enrolled (TOTP, PIN) and whether they are locked out after failures.");
        api.MapPost("/sync/confirm/totp", StartTotpAsync).WithName("StartTotp").Accepts<ConfirmRemoveRequest>("application/json")
            .WithSummary("Starts an authenticator enrolment: a new secret and its otpauth:// URI, shown once; replacing an enrolled confirmation needs a confirmation with it. Owner only.");
        api.MapPost("/sync/confirm/totp/activate", ActivateTotpAsync).WithName("ActivateTotp").Accepts<TotpActivateRequest>("application/json")
            .WithSummary("Activates the authenticator being enrolled with the code it shows now. Owner only.");
        api.MapPut("/sync/confirm/pin", SetPinAsync).WithName("SetPin").Accepts<PinRequest>("application/json")
            .WithSummary("Sets the PIN (4-12 digits); changing an enrolled confirmation needs a confirmation. Owner only.");
        api.MapPost("/sync/confirm/remove", RemoveConfirmAsync).WithName("RemoveConfirm").Accepts<ConfirmRemoveRequest>("application/json")
            .WithSummary("Removes the authenticator or the PIN, proven with a confirmation. Owner only.");
        api.MapGet("/sync/devices", DevicesAsync).WithName("Devices")
            .WithSummary("The tenant's devices and other principals: channel, name, accept right, revoked, created and last sync. Owner only.");
        api.MapMethods("/sync/devices/{principalId}", ["PATCH"], RenameDeviceAsync).WithName("RenameDevice").Accepts<RenameRequest>("application/json")
            .WithSummary("Renames a device. Owner only.");
        api.MapDelete("/sync/devices/{principalId}", RevokeDeviceAsync).WithName("RevokeDevice")
            .WithSummary("Revokes a device's token: refused from its next request on this server, within 5 s on every other server of the database. Owner only.");
        api.MapGet("/sync/search", SearchGetAsync).WithName("Search").Produces<SearchResponse>()
            .WithSummary("Searches the tenant's notes and tasks by meaning (its embeddings) and by words (full text, cloud-first tenants), fused by reciprocal rank: ids and scores, with the embedding that answered; no text.");
        api.MapPost("/sync/search", SearchPostAsync).WithName("SearchByVector").Accepts<SearchRequest>("application/json").Produces<SearchResponse>()
            .WithSummary("As GET /sync/search, with a query vector and its model (how a local-first tenant's vault searches: the server never sees the words).");
        api.MapGet("/sync/events", SyncEventsAsync).WithName("SyncEvents").WithSummary("The sync log: conflicts, discarded writes, refused batches; oldest first after `after`, or the `newest` N, newest first.");
        api.MapGet("/security/events", SecurityEventsAsync).WithName("SecurityEvents").WithSummary("The security log: refusals of authority; oldest first after `after`, or the `newest` N, newest first.");
        return endpoints;
    }

    private static async Task<Ok<MeResponse>> Me(HttpContext context, Storage.IReplicaStore store)
    {
        var principal = Bearer.PrincipalOf(context);
        var tenant = await store.FindTenantAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false) ?? throw new InvalidOperationException("the token's tenant is gone");
        var scope = principal.Scope(tenant.Channels());
        return TypedResults.Ok(new MeResponse(principal.TenantId, principal.TenantName, principal.Mode, principal.PrincipalId,
            Storage.PrincipalKinds.ToWire(principal.Kind), principal.Channel, scope.CanAccept, scope.Levels.Select(l => (int)l).ToList(), scope.OriginPrefixes,
            scope.NeedsConfirmation.Select(l => (int)l).ToList(), scope.AcceptNeedsConfirmation));
    }
}
