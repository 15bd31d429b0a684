using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server.Api;
using Realign.Storage;

namespace Realign.Server.Internal;

/// <summary>The body of <c>PUT /sync/policy/channels</c> and <c>PUT /admin/tenants/{tenant}/channels</c>, applied to the policy
/// as stored; a wrong body is a 400 naming each wrong field, and nothing is changed.</summary>
internal static class ChannelBody
{
    public const string Expected = "an object {\"channels\": {CHANNEL: {\"levels\": [...], \"confirm_levels\": [...], \"accept\": \"allow|confirm|deny\"}}} (channels: desktop, web, mobile, cli, voice, iot)";

    public static ChannelPolicy Apply(ChannelPolicy current, ChannelPolicyDto body)
    {
        if (!ChannelPolicies.TryApply(current, body, out var updated, out var errors))
        {
            throw new ChannelBodyException(errors);
        }

        return updated;
    }

    public static async Task<Results<Ok<ChannelPolicyDto>, Problem>> StoreAsync(IReplicaStore store, ChannelPolicyCommand command, CancellationToken ct)
    {
        try
        {
            var stored = await store.SetChannelPolicyAsync(command, ct).ConfigureAwait(false);
            return TypedResults.Ok(stored.Policy.ToDto(stored.UpdatedAt));
        }
        catch (ChannelBodyException ex)
        {
            var list = ex.Errors.Select(e => new ItemErrorDto { Index = -1, Code = ProblemCodes.InvalidRequest, Field = e.Field, Message = e.Message }).ToList();
            return new Problem(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "the channel policy was not changed: " + string.Join("; ", ex.Errors.Select(e => e.Message)), list);
        }
        catch (ReplicaStoreException ex) when (ex.Code == ProblemCodes.Conflict)
        {
            return new Problem(StatusCodes.Status409Conflict, ex.Code, ex.Message);
        }
    }

    private sealed class ChannelBodyException(IReadOnlyList<(string Field, string Message)> errors) : Exception("the channel policy body is wrong")
    {
        public IReadOnlyList<(string Field, string Message)> Errors { get; } = errors;
    }
}
