using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Realign.Core.Contract;
using Realign.Core.Truth;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    private static async Task<Results<Ok<List<DeviceDto>>, Problem>> DevicesAsync(HttpContext context, IReplicaStore store, RealignServerOptions options)
    {
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-devices:", "list the devices").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var list = await store.ListPrincipalsAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(list.Select(p => ToDevice(p, principal.PrincipalId)).ToList());
    }

    private static async Task<Results<Ok<DeviceDto>, Problem>> RenameDeviceAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, string principalId)
    {
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-devices:", "rename a device").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (renamed, problem) = await DeviceRename.ApplyAsync(context, store, principal.TenantId, principalId).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(ToDevice(renamed!, principal.PrincipalId));
    }

    private static async Task<Results<NoContent, Problem>> RevokeDeviceAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, string principalId)
    {
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-devices:", "revoke a device").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        if (!await store.RevokeTokenAsync(principal.TenantId, principalId, context.RequestAborted).ConfigureAwait(false))
        {
            return new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no device '{principalId}' in this tenant");
        }

        var detail = new System.Text.Json.Nodes.JsonObject { ["by"] = ExposureBody.ActorOf(principal), ["revoked"] = principalId }.ToJsonString();
        await store.RecordEventAsync(EventLog.Security, principal.TenantId, new EventEntry(0, UtcMicros.From(options.Clock.GetUtcNow()), "device-revoked", principal.PrincipalId, null, null, null, detail), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    internal static DeviceDto ToDevice(PrincipalInfo p, string? current) =>
        new(p.PrincipalId, p.Kind.ToWire(), p.Channel, p.Label, p.CanAccept, p.Revoked, UtcMicros.Format(p.CreatedAt), p.LastSyncAt is { } at ? UtcMicros.Format(at) : null, p.PrincipalId == current);
}
