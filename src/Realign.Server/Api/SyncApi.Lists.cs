using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    private const int MaxEvents = 1000;

    private static async Task<Results<JsonHttpResult<SyncItem>, Problem>> EntityAsync(HttpContext context, IReplicaStore store, string entityType, string entityId)
    {
        var principal = Bearer.PrincipalOf(context);
        var head = await store.GetEntityAsync(new EntityKey(principal.TenantId, entityType, entityId), context.RequestAborted).ConfigureAwait(false);
        if (head is null)
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no {entityType} '{entityId}' in this token's tenant");
        }

        var limited = await ExposureView.LimitOfAsync(store, principal, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(limited is { } l ? ExposureView.Limit(head, l.Exposure, l.Policy) : head, RealignJsonContext.Default.SyncItem);
    }

    private static async Task<Results<JsonHttpResult<List<ConflictDto>>, Problem>> ConflictsAsync(HttpContext context, IReplicaStore store, string? status)
    {
        if (status is not (null or "open" or "resolved" or "all"))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "status must be open, resolved or all");
        }

        var principal = Bearer.PrincipalOf(context);
        var list = await store.ListConflictsAsync(principal.TenantId, status is null or "all" ? (status is null ? "open" : null) : status, context.RequestAborted).ConfigureAwait(false);
        var limited = await ExposureView.LimitOfAsync(store, principal, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(limited is null ? list.ToList() : ExposureView.Limit(list), RealignJsonContext.Default.ListConflictDto);
    }

    private static async Task<Results<JsonHttpResult<List<ProposalDto>>, Problem>> ProposalsAsync(HttpContext context, IReplicaStore store, string? status)
    {
        if (status is not (null or "pending" or "accepted" or "rejected" or "all"))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "status must be pending, accepted, rejected or all");
        }

        var principal = Bearer.PrincipalOf(context);
        var list = await store.ListProposalsAsync(principal.TenantId, status is null or "all" ? (status is null ? "pending" : null) : status, context.RequestAborted).ConfigureAwait(false);
        var limited = await ExposureView.LimitOfAsync(store, principal, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Json(limited is null ? list.ToList() : ExposureView.Limit(list), RealignJsonContext.Default.ListProposalDto);
    }

    private static Task<Results<Ok<List<EventDto>>, Problem>> SyncEventsAsync(HttpContext context, IReplicaStore store, string? after, string? limit, string? newest) =>
        EventsAsync(context, store, EventLog.Sync, after, limit, newest);

    private static Task<Results<Ok<List<EventDto>>, Problem>> SecurityEventsAsync(HttpContext context, IReplicaStore store, string? after, string? limit, string? newest) =>
        EventsAsync(context, store, EventLog.Security, after, limit, newest);

    private static async Task<Results<Ok<List<EventDto>>, Problem>> EventsAsync(HttpContext context, IReplicaStore store, EventLog log, string? after, string? limit, string? newest)
    {
        long from = 0;
        var size = 100;
        var last = 0;
        if ((after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out from))
            || (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1))
            || (newest is not null && (!int.TryParse(newest, NumberStyles.None, CultureInfo.InvariantCulture, out last) || last < 1)))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "after, limit and newest must be whole numbers (limit and newest at least 1)");
        }

        if (newest is not null && (after is not null || limit is not null))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "newest reads the last rows, newest first: give it alone, without after or limit");
        }

        var principal = Bearer.PrincipalOf(context);
        var rows = newest is not null
            ? await store.ListNewestEventsAsync(log, principal.TenantId, Math.Min(last, MaxEvents), context.RequestAborted).ConfigureAwait(false)
            : await store.ListEventsAsync(log, principal.TenantId, from, Math.Min(size, MaxEvents), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(rows.Select(e => new EventDto(e.Id, UtcMicros.Format(e.AtMicros), e.Kind, e.PrincipalId, e.BatchId, e.EntityType, e.EntityId, JsonValues.Parse(e.DetailJson))).ToList());
    }
}
