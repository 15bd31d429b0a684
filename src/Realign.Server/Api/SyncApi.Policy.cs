using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    private static async Task<Ok<ExposurePolicyDto>> ExposureAsync(HttpContext context, IReplicaStore store)
    {
        var principal = Bearer.PrincipalOf(context);
        var exposure = await store.GetExposureAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(exposure.ToDto());
    }

    private static async Task<Results<Ok<ExposurePolicyDto>, Problem>> SetExposureAsync(HttpContext context, IReplicaStore store, RealignServerOptions options)
    {
        // What the tenant's AI may read is the owner's to decide: a person's device with the accept right on a trusted
        // channel, never a machine, a voice channel or a device that may only propose. Checked before the body is read.
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-exposure:", "change the exposure policy").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (change, problem) = await ExposureBody.ReadAsync(context).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var command = new ExposureCommand(principal.TenantId, change!, principal.PrincipalId, ExposureBody.ActorOf(principal), UtcMicros.From(options.Clock.GetUtcNow()));
        var stored = await store.SetExposureAsync(command, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(stored.ToDto());
    }

    /// <summary>Logs a refusal of authority (<paramref name="kindPrefix"/> + its code) in the security log and returns its problem.</summary>
    private static async Task<Problem> RecordRefusalAsync(IReplicaStore store, RealignServerOptions options, PrincipalInfo principal, string kindPrefix, Problem problem, CancellationToken ct)
    {
        var detail = new System.Text.Json.Nodes.JsonObject { ["status"] = problem.StatusCode, ["code"] = problem.Code, ["detail"] = problem.Detail }.ToJsonString();
        var entry = new EventEntry(0, UtcMicros.From(options.Clock.GetUtcNow()), kindPrefix + problem.Code, principal.PrincipalId, null, null, null, detail);
        await store.RecordEventAsync(EventLog.Security, principal.TenantId, entry, ct).ConfigureAwait(false);
        return problem;
    }
}
