using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Realign.Storage;

namespace Realign.Server.Internal;

/// <summary>Streams a pull page straight from the store's reader: heads are written as stored, memory stays flat.</summary>
/// <remarks>Reads one row past the page to learn <c>has_more</c> without a count query.</remarks>
internal sealed class PullResult(IReplicaStore store, string tenantId, long since, int limit) : IResult, IEndpointMetadataProvider
{
    private const int FlushEvery = 64;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var ct = httpContext.RequestAborted;
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, new JsonWriterOptions { SkipValidation = true });
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        var next = since;
        var count = 0;
        var hasMore = false;
        await foreach (var change in store.ReadChangesAsync(tenantId, since, limit + 1, ct).ConfigureAwait(false))
        {
            if (count == limit)
            {
                hasMore = true;
                break;
            }

            writer.WriteRawValue(change.HeadUtf8.Span, skipInputValidation: true);
            next = change.Seq;
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        writer.WriteEndArray();
        writer.WriteNumber("next_cursor", next);
        writer.WriteBoolean("has_more", hasMore);
        writer.WriteEndObject();
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, Microsoft.AspNetCore.Builder.EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Realign.Core.Contract.PullResponse), ["application/json"]));
    }
}
