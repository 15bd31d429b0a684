using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http;
using Realign.Core.Contract;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    private static async Task<Ok<ChecksumResponse>> ChecksumAsync(HttpContext context, IReplicaStore store)
    {
        var principal = Bearer.PrincipalOf(context);
        var sum = await store.ChecksumAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(sum);
    }
}
