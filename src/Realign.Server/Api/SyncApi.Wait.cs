using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Realign.Core.Contract;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    /// <summary>Seconds a wait lasts when the client gives no <c>timeout</c>.</summary>
    public const int DefaultWaitSeconds = 25;

    /// <summary>The longest wait a client may ask for, in seconds.</summary>
    public const int MaxWaitSeconds = 60;

    /// <summary>Long poll: answers as soon as the tenant's cursor passes <c>since</c>, or when <c>timeout</c> seconds have passed.</summary>
    private static async Task<Results<Ok<WaitResponse>, Problem>> WaitAsync(HttpContext context, IReplicaStore store, string? since, string? timeout)
    {
        var principal = Bearer.PrincipalOf(context);
        if (!long.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var cursor))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, "since is required: the cursor the client has pulled to (a whole number)");
        }

        var seconds = DefaultWaitSeconds;
        if (timeout is not null && (!int.TryParse(timeout, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) || seconds < 1 || seconds > MaxWaitSeconds))
        {
            return Problem.BadRequest(ProblemCodes.InvalidRequest, $"timeout must be a whole number of seconds from 1 to {MaxWaitSeconds}");
        }

        context.Response.Headers[EpochHeader] = store.Epoch;
        if (await store.FindTenantAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false) is { } tenant && cursor > tenant.Seq)
        {
            // A cursor this store never handed out (it was restored to an older point): waiting for the store to pass it
            // would hide every change until then. Answer at once, so the client pulls and is told.
            return TypedResults.Ok(new WaitResponse(tenant.Seq, true));
        }

        try
        {
            var seq = await store.WaitForChangeAsync(principal.TenantId, cursor, TimeSpan.FromSeconds(seconds), context.RequestAborted).ConfigureAwait(false);
            return TypedResults.Ok(new WaitResponse(seq, seq > cursor));
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing is listening for the answer.
            return TypedResults.Ok(new WaitResponse(cursor, false));
        }
    }
}
