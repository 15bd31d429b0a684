using Microsoft.AspNetCore.Http;
using Realign.Server.Internal;
using Realign.Storage;

namespace Realign.Server.Api;

public static partial class SyncApi
{
    /// <summary>The principal and its tenant when the token speaks for the tenant's owner (<see cref="PrincipalInfo.IsOwner"/>),
    /// or the logged 403 (<paramref name="kindPrefix"/> + <c>forbidden</c>) that says who may.</summary>
    private static async Task<(PrincipalInfo Principal, TenantInfo Tenant, Problem? Problem)> OwnerAsync(HttpContext context, IReplicaStore store, RealignServerOptions options, string kindPrefix, string what)
    {
        var principal = Bearer.PrincipalOf(context);
        var tenant = await store.FindTenantAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false) ?? throw new InvalidOperationException("the token's tenant is gone");
        if (principal.IsOwner(tenant.Channels()))
        {
            return (principal, tenant, null);
        }

        var refused = new Problem(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
            $"only the tenant owner's device token (a user device with the accept right, on a channel the policy lets write level 1 and accept as it is) may {what}; nothing was changed");
        return (principal, tenant, await RecordRefusalAsync(store, options, principal, kindPrefix, refused, context.RequestAborted).ConfigureAwait(false));
    }
}
