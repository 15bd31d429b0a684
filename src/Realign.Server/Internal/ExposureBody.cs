using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server.Api;
using Realign.Storage;

namespace Realign.Server.Internal;

/// <summary>The body of <c>PUT /sync/policy/exposure</c> and <c>PUT /admin/tenants/{tenant}/exposure</c>, read into a change,
/// and who a change is by.</summary>
internal static class ExposureBody
{
    /// <summary>The change the body asks for, or the 400 problem that names each wrong field and the names allowed.</summary>
    public static async Task<(ExposureChange? Change, Problem? Problem)> ReadAsync(HttpContext context)
    {
        ExposurePolicyDto? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(context.Request.Body, RealignJsonContext.Default.ExposurePolicyDto, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return (null, Problem.BadRequest(RefusalCodes.InvalidJson, JsonErrors.Describe(ex)));
        }

        if (body is null)
        {
            return (null, Problem.BadRequest(ProblemCodes.InvalidRequest, $"a body is required: an object with any of local, lan and cloud, each {Exposures.Expected}"));
        }

        if (!ExposurePolicies.TryReadChange(body, out var change, out var errors))
        {
            var list = errors.Select(e => new ItemErrorDto { Index = -1, Code = ProblemCodes.InvalidRequest, Field = e.Field, Message = e.Message }).ToList();
            return (null, new Problem(StatusCodes.Status400BadRequest, ProblemCodes.InvalidRequest, "the exposure policy was not changed: " + string.Join("; ", errors.Select(e => e.Message)), list));
        }

        return (change, null);
    }

    /// <summary>Who a tenant principal is in an <c>exposure-changed</c> row: its kind and channel (<c>user_device:desktop</c>).</summary>
    public static string ActorOf(PrincipalInfo principal) =>
        principal.Channel is { } channel ? $"{principal.Kind.ToWire()}:{channel}" : principal.Kind.ToWire();

    /// <summary>The operator, as an <c>exposure-changed</c> row names the admin token.</summary>
    public const string AdminActor = "admin";
}
