using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Realign.Core.Contract;

namespace Realign.Server.Internal;

/// <summary>An RFC 9457 problem response: <c>type</c> <c>/problems/CODE</c>, title, status, detail, and the <c>code</c> and <c>errors</c> extensions.</summary>
internal sealed class Problem(int status, string code, string detail, IReadOnlyList<ItemErrorDto>? errors = null, long? retryAfterSeconds = null) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public int StatusCode => status;

    int? IStatusCodeHttpResult.StatusCode => status;

    public string Code => code;

    public string Detail => detail;

    public static Problem BadRequest(string code, string detail) => new(StatusCodes.Status400BadRequest, code, detail);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = status;
        if (retryAfterSeconds is { } retry)
        {
            httpContext.Response.Headers.RetryAfter = retry.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        httpContext.Response.ContentType = "application/problem+json";
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer);
        }

        await httpContext.Response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted);
    }

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        JsonSerializer.Serialize(writer, Body, RealignJsonContext.Default.ProblemResponse);
    }

    /// <summary>The body as its contract type.</summary>
    public ProblemResponse Body => new()
    {
        Type = "/problems/" + code,
        Title = Title(code),
        Status = status,
        Detail = detail,
        Code = code,
        Errors = errors is null ? null : errors as List<ItemErrorDto> ?? [.. errors],
    };

    public static void PopulateMetadata(System.Reflection.MethodInfo method, Microsoft.AspNetCore.Builder.EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    }

    private static string Title(string code) => code switch
    {
        "invalid-json" => "The request body is not valid JSON of the expected shape",
        "invalid-item" => "An item is malformed",
        "forbidden-level" => "An item claims a level outside the token's scope",
        "forbidden-origin" => "An item claims an origin outside the token's scope",
        "cross-tenant" => "An item names another tenant",
        "protected-field" => "A protected field was written below level 1",
        "protected-entity" => "An entity only level 1 may write was written below level 1",
        "version-ahead" => "An item's version is ahead of the server's",
        "batch-id-reused" => "The batch id was already used for a different batch",
        "forged-acceptance" => "accepted_by_user was set without the accept right",
        "timestamp-in-future" => "An item's time is too far in the future",
        "server-owned-field" => "An item sets a value only the server may set",
        "payload-too-large" => "The request or an item is over a size limit",
        "unauthorized" => "A valid bearer token is required",
        "forbidden" => "The token may not do this",
        "not-found" => "Not found",
        "conflict" => "The resource is in another state",
        "resync-required" => "The cursor is older than the tombstone purge horizon",
        "rate-limited" => "Too many requests",
        "internal" => "Internal server error",
        "confirmation-required" => "The action needs a confirmation (TOTP code or PIN)",
        "confirmation-failed" => "The confirmation is wrong or already used",
        "confirmation-locked" => "Confirmations are locked after repeated failures",
        "confirmation-not-enrolled" => "No such confirmation is enrolled",
        "confirmation-unavailable" => "The server cannot check confirmations",
        _ => "The request is invalid",
    };
}
