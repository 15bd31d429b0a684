using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Server.Confirm;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    private static async Task<Results<Ok<ResolveResponse>, Problem>> ResolveAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, ConfirmationService confirmations)
    {
        var principal = Bearer.PrincipalOf(context);
        var tenant = await store.FindTenantAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false) ?? throw new InvalidOperationException("the token's tenant is gone");
        var scope = principal.Scope(tenant.Channels());
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

        // An answer is a level-1 write: a channel that reaches level 1 only with a confirmation (voice, by default), or whose
        // accepts the policy confirms, sends one with it; a channel that reaches level 1 not at all may not answer.
        var isProposal = request.ProposalId is not null;
        if (!scope.Levels.Contains(TruthLevel.User) && !scope.NeedsConfirmation.Contains(TruthLevel.User) && !(isProposal && scope.CanAccept))
        {
            return await RefuseResolveAsync(store, options, principal, new Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, $"the tenant's channel policy lets the {principal.Channel} channel write no level-1 value; nothing was changed"), context.RequestAborted).ConfigureAwait(false);
        }

        if (isProposal ? scope.CanAccept && scope.AcceptNeedsConfirmation : !scope.Levels.Contains(TruthLevel.User))
        {
            var what = isProposal ? $"answering proposal {request.ProposalId}" : $"resolving conflict {request.ConflictId}";
            var outcome = await confirmations.VerifyAsync(principal, request.Confirmation, $"{what} from the {principal.Channel} channel", context.RequestAborted).ConfigureAwait(false);
            if (!outcome.Confirmed)
            {
                return outcome.Problem!.StatusCode == StatusCodes.Status403Forbidden
                    ? await RefuseResolveAsync(store, options, principal, outcome.Problem!, context.RequestAborted).ConfigureAwait(false)
                    : outcome.Problem!;
            }
        }

        try
        {
            var now = UtcMicros.From(options.Clock.GetUtcNow());
            var result = await store.ResolveAsync(new ResolveCommand(principal.TenantId, principal.PrincipalId, userOrigin, scope.CanAccept, request, now), context.RequestAborted).ConfigureAwait(false);
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
