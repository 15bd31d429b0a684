using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Realign.Core.Contract;
using Realign.Server.Confirm;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    private static async Task<Results<Ok<ConfirmStatusDto>, Problem>> ConfirmStatusAsync(HttpContext context, ConfirmationService confirmations)
    {
        var principal = Bearer.PrincipalOf(context);
        if (principal.Kind != Core.Rules.PrincipalKind.UserDevice)
        {
            return new Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "only a user device token may read the user's confirmations");
        }

        return TypedResults.Ok(await confirmations.StatusAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false));
    }

    private static async Task<Results<Ok<TotpEnrollmentDto>, Problem>> StartTotpAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, ConfirmationService confirmations)
    {
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-confirm:", "enrol an authenticator").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        return await Guarded(async () =>
        {
            // Replacing an active authenticator is proven with it (or the PIN): a stolen owner token alone cannot swap it.
            var state = await store.GetConfirmStateAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false);
            if (state.Factor("totp") is not null || state.Factor("pin") is not null)
            {
                var (body, problem) = await JsonBody.ReadAsync(context, RealignJsonContext.Default.ConfirmRemoveRequest, "an object with confirmation (a TOTP code or the PIN), since a confirmation is already enrolled").ConfigureAwait(false);
                if (problem is not null)
                {
                    return (Results<Ok<TotpEnrollmentDto>, Problem>)problem;
                }

                var outcome = await confirmations.VerifyAsync(principal, body!.Confirmation, "enrol a new authenticator", context.RequestAborted).ConfigureAwait(false);
                if (!outcome.Confirmed)
                {
                    return outcome.Problem!;
                }
            }

            return TypedResults.Ok(await confirmations.StartTotpAsync(principal, context.RequestAborted).ConfigureAwait(false));
        }).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<ConfirmStatusDto>, Problem>> ActivateTotpAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, ConfirmationService confirmations)
    {
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-confirm:", "enrol an authenticator").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, RealignJsonContext.Default.TotpActivateRequest, "an object with code (the 6 digits the authenticator shows)").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        return await Guarded(async () =>
        {
            if (await confirmations.ActivateTotpAsync(principal, body!.Code, context.RequestAborted).ConfigureAwait(false) is { } failed)
            {
                return (Results<Ok<ConfirmStatusDto>, Problem>)failed;
            }

            return TypedResults.Ok(await confirmations.StatusAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false));
        }).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<ConfirmStatusDto>, Problem>> SetPinAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, ConfirmationService confirmations)
    {
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-confirm:", "set the PIN").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, RealignJsonContext.Default.PinRequest, "an object with pin (4 to 12 digits) and, when a confirmation is enrolled, confirmation").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (ConfirmationService.PinProblem(body!.Pin) is { } weak)
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, weak + "; nothing was changed");
        }

        return await Guarded(async () =>
        {
            if (await confirmations.AnyEnrolledAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false))
            {
                var outcome = await confirmations.VerifyAsync(principal, body.Confirmation, "change the PIN", context.RequestAborted).ConfigureAwait(false);
                if (!outcome.Confirmed)
                {
                    return (Results<Ok<ConfirmStatusDto>, Problem>)outcome.Problem!;
                }
            }

            await confirmations.SetPinAsync(principal, body.Pin!, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(await confirmations.StatusAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false));
        }).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<ConfirmStatusDto>, Problem>> RemoveConfirmAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, ConfirmationService confirmations)
    {
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-confirm:", "remove a confirmation").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, RealignJsonContext.Default.ConfirmRemoveRequest, "an object with factor (totp or pin) and confirmation").ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Factor is not ("totp" or "pin"))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "factor is totp or pin; nothing was changed");
        }

        return await Guarded(async () =>
        {
            var outcome = await confirmations.VerifyAsync(principal, body.Confirmation, "remove the " + body.Factor, context.RequestAborted).ConfigureAwait(false);
            if (!outcome.Confirmed)
            {
                return (Results<Ok<ConfirmStatusDto>, Problem>)outcome.Problem!;
            }

            await confirmations.RemoveAsync(principal, body.Factor, context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(await confirmations.StatusAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false));
        }).ConfigureAwait(false);
    }

    /// <summary>Runs a confirmation step, answering 503 when the server has no secrets key or a stored secret does not open
    /// with this server's key (another server's key file), with the reason.</summary>
    internal static async Task<Results<TOk, Problem>> Guarded<TOk>(Func<Task<Results<TOk, Problem>>> run)
        where TOk : IResult
    {
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (ConfirmUnavailableException ex)
        {
            return new Problem(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ConfirmationUnavailable, ex.Message);
        }
        catch (SecretsKeyMismatchException ex)
        {
            return new Problem(StatusCodes.Status503ServiceUnavailable, ProblemCodes.ConfirmationUnavailable, ex.Message);
        }
    }
}
