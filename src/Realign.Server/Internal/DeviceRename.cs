using Microsoft.AspNetCore.Http;
using Realign.Core.Contract;
using Realign.Server.Api;
using Realign.Storage;

namespace Realign.Server.Internal;

/// <summary>The rename of a principal, as <c>PATCH /sync/devices/{id}</c> (the owner) and <c>PATCH /admin/tenants/{t}/tokens/{id}</c>
/// (the operator) both do it: the body read and checked, the label stored, the principal as it now stands.</summary>
internal static class DeviceRename
{
    public static async Task<(PrincipalInfo? Renamed, Problem? Problem)> ApplyAsync(HttpContext context, IReplicaStore store, string tenantId, string principalId)
    {
        var (body, problem) = await JsonBody.ReadAsync(context, RealignJsonContext.Default.RenameRequest, "an object with label (1-100 characters)").ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (body!.Label is not { } label || !Tokens.IsValidLabel(label))
        {
            return (null, Problem.BadRequest(ProblemCodes.InvalidRequest, "label is 1-100 characters without control characters; nothing was changed"));
        }

        if (!await store.RenamePrincipalAsync(tenantId, principalId, label, context.RequestAborted).ConfigureAwait(false))
        {
            return (null, new Problem(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"no device '{principalId}' in this tenant"));
        }

        return ((await store.ListPrincipalsAsync(tenantId, context.RequestAborted).ConfigureAwait(false)).First(p => p.PrincipalId == principalId), null);
    }
}
