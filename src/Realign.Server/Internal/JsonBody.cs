using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Realign.Core.Rules;
using Realign.Server.Api;

namespace Realign.Server.Internal;

/// <summary>Reads a request body of a contract type, or the 400 problem that says what is wrong with it.</summary>
internal static class JsonBody
{
    public static async Task<(T? Body, Problem? Problem)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type, string expected)
        where T : class
    {
        if (context.Request.ContentLength == 0)
        {
            return (null, Problem.BadRequest(ProblemCodes.InvalidRequest, "a body is required: " + expected));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, Problem.BadRequest(ProblemCodes.InvalidRequest, "a body is required: " + expected)) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Problem.BadRequest(RefusalCodes.InvalidJson, JsonErrors.Describe(ex)));
        }
    }
}
