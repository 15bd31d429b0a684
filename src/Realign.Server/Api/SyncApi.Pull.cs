using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Realign.Core.Truth;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    /// <summary>The response header of every pull with the store's epoch (docs/api.md, "Restore to an older point").</summary>
    public const string EpochHeader = "Realign-Epoch";

    private static async Task<Results<PullResult, Problem>> PullAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, DeviceActivity devices, Telemetry.ServerMetrics metrics, string? since, string? limit)
    {
        var principal = Bearer.PrincipalOf(context);
        metrics.OutboxDepthOf(context.Request);
        System.Diagnostics.Activity.Current?.SetTag("realign.tenant_id", principal.TenantId);
        var ct = context.RequestAborted;
        await devices.TouchAsync(principal, ct).ConfigureAwait(false);
        var pageSize = options.DefaultPullLimit;
        if (limit is not null)
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1)
            {
                return Problem.BadRequest(ProblemCodes.InvalidRequest, $"limit must be a whole number from 1 to {options.MaxPullLimit}");
            }

            pageSize = Math.Min(pageSize, options.MaxPullLimit);
        }

        long cursor;
        if (string.IsNullOrEmpty(since))
        {
            cursor = 0;
        }
        else if (long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            cursor = number;
        }
        else if (UtcMicros.TryParse(since, out var micros))
        {
            cursor = await store.CursorAtAsync(principal.TenantId, micros, ct).ConfigureAwait(false);
        }
        else
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "since must be a cursor (a whole number) or an ISO-8601 time with Z or an offset");
        }

        var tenant = await store.FindTenantAsync(principal.TenantId, ct).ConfigureAwait(false) ?? throw new InvalidOperationException("the token's tenant is gone");
        context.Response.Headers[EpochHeader] = store.Epoch;
        if (cursor > tenant.Seq)
        {
            // A cursor this store never handed out: the store was put back to an older point (a restore) since the client
            // last pulled. Pulling on from it would skip the changes made from here on up to that cursor.
            return new Problem(StatusCodes.Status409Conflict, ProblemCodes.CursorAhead, $"cursor {cursor} is ahead of this server's latest change {tenant.Seq}: the server was restored to an older point; push your own changes again and pull from 0");
        }

        if (cursor > 0 && cursor < tenant.PurgedSeq)
        {
            return new Problem(StatusCodes.Status410Gone, ProblemCodes.ResyncRequired, $"cursor {cursor} is older than the tombstone purge horizon {tenant.PurgedSeq}; pull again from 0 and rebuild the replica");
        }

        var limited = await ExposureView.LimitOfAsync(store, principal, ct).ConfigureAwait(false);
        return new PullResult(store, principal.TenantId, cursor, pageSize,
            limited is { } l ? head => ExposureView.Limit(head, l.Exposure, l.Policy) : null, metrics);
    }
}
