using System.Text.Json;
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
    private static async Task<Results<Ok<ResolveResponse>, Problem>> ResolveAsync(HttpContext context, IReplicaStore store, RealignServerOptions options)
    {
        var principal = Bearer.PrincipalOf(context);
        var scope = principal.Scope();
        if (scope.UserOrigin is not { } userOrigin)
        {
            return await RefuseResolveAsync(store, options, principal, new Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "only a user device token may resolve conflicts and answer proposals"), context.RequestAborted).ConfigureAwait(false);
        }

        ResolveRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, RealignJsonContext.Default.ResolveRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return Problem.BadRequest(RefusalCodes.InvalidJson, JsonErrors.Describe(ex));
        }

        if (request is null)
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "a body is required");
        }

        try
        {
            var now = UtcMicros.From(options.Clock.GetUtcNow());
            var result = await store.ResolveAsync(new ResolveCommand(principal.TenantId, principal.PrincipalId, userOrigin, principal.CanAccept, request, now), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(result);
        }
        catch (ReplicaStoreException ex)
        {
            var status = ex.Code switch
            {
                ProblemCodes.NotFound => StatusCodes.Status404NotFound,
                ProblemCodes.Conflict => StatusCodes.Status409Conflict,
                ProblemCodes.Forbidden or Core.Rules.RefusalCodes.ProtectedEntity => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            };
            var problem = new Problem(status, ex.Code, ex.Message);
            return status == StatusCodes.Status403Forbidden ? await RefuseResolveAsync(store, options, principal, problem, context.RequestAborted).ConfigureAwait(false) : problem;
        }
    }

    /// <summary>Logs a refused resolution (an authority refusal) in the security log and returns its problem.</summary>
    private static Task<Problem> RefuseResolveAsync(IReplicaStore store, RealignServerOptions options, PrincipalInfo principal, Problem problem, CancellationToken ct) =>
        RecordRefusalAsync(store, options, principal, "refused-resolve:", problem, ct);
}
