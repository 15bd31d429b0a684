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
            .WithSummary("The tenant's exposure policy: what AI on each level may read (local, lan, cloud: full, redacted or none); the defaults of its vault mode until set.");
        api.MapPut("/sync/policy/exposure", SetExposureAsync).WithName("SetExposure").Accepts<ExposurePolicyDto>("application/json")
            .WithSummary("Changes the exposure policy (levels left out keep theirs); only the owner's device token (a user device with the accept right) may; each change and refusal is in the security log.");
        api.MapGet("/sync/events", SyncEventsAsync).WithName("SyncEvents").WithSummary("The sync log: conflicts, discarded writes, refused batches; oldest first after `after`, or the `newest` N, newest first.");
        api.MapGet("/security/events", SecurityEventsAsync).WithName("SecurityEvents").WithSummary("The security log: refusals of authority; oldest first after `after`, or the `newest` N, newest first.");
        return endpoints;
    }

    private static Ok<MeResponse> Me(HttpContext context)
    {
        var principal = Bearer.PrincipalOf(context);
        var scope = principal.Scope();
        return TypedResults.Ok(new MeResponse(principal.TenantId, principal.TenantName, principal.Mode, principal.PrincipalId,
            Storage.PrincipalKinds.ToWire(principal.Kind), principal.Channel, principal.CanAccept, scope.Levels.Select(l => (int)l).ToList(), scope.OriginPrefixes));
    }
}
