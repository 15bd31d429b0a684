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
            return new Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "only a user device token may resolve conflicts and answer proposals");
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
            return TypedResults.Ok(new ResolveResponse(result.Outcome, result.Version, result.EntityType, result.EntityId));
        }
        catch (ReplicaStoreException ex)
        {
            var status = ex.Code switch
            {
                ProblemCodes.NotFound => StatusCodes.Status404NotFound,
                ProblemCodes.Conflict => StatusCodes.Status409Conflict,
                ProblemCodes.Forbidden => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            };
            return new Problem(status, ex.Code, ex.Message);
        }
    }
}
