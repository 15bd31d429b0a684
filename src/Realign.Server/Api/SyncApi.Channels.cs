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
    private static async Task<Ok<ChannelPolicyDto>> ChannelsAsync(HttpContext context, IReplicaStore store)
    {
        var principal = Bearer.PrincipalOf(context);
        var channels = await store.GetChannelPolicyAsync(principal.TenantId, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(channels.Policy.ToDto(channels.UpdatedAt));
    }

    private static async Task<Results<Ok<ChannelPolicyDto>, Problem>> SetChannelsAsync(HttpContext context, IReplicaStore store, RealignServerOptions options)
    {
        var (principal, _, refused) = await OwnerAsync(context, store, options, "refused-channels:", "change the channel policy").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var (body, problem) = await JsonBody.ReadAsync(context, RealignJsonContext.Default.ChannelPolicyDto, ChannelBody.Expected).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        // The owner cannot take their own channel's owner rights away from it: that change is for another channel or the operator.
        var command = new ChannelPolicyCommand(principal.TenantId, current =>
        {
            var updated = ChannelBody.Apply(current, body!);
            return principal.IsOwner(updated)
                ? updated
                : throw new ReplicaStoreException(ProblemCodes.Conflict, $"this change would take the owner's rights (writing level 1 and accepting as it is) from the {principal.Channel} channel this request comes from; make it from another owner channel or as the operator; nothing was changed");
        }, principal.PrincipalId, ExposureBody.ActorOf(principal), UtcMicros.From(options.Clock.GetUtcNow()));
        return await ChannelBody.StoreAsync(store, command, context.RequestAborted).ConfigureAwait(false);
    }
}
