using System.Buffers;
using System.Buffers.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Realign.Storage;

namespace Realign.Server.Internal;

/// <summary>Streams a pull page straight from the store's reader: heads are written as stored, memory stays flat.</summary>
/// <remarks>
/// Reads one row past the page to learn <c>has_more</c> without a count query. The page is one JSON document laid out one head
/// per line, so a client may parse it whole or split it at line breaks and take each head as it arrives (docs/api.md, "Pull page
/// layout"):
/// <code>
/// {"items":[
/// {head},
/// {head}
/// ],"next_cursor":N,"has_more":true}\n
/// </code>
/// Heads are compact JSON (no raw line breaks can occur in them), written byte for byte as stored.
/// </remarks>
internal sealed class PullResult(IReplicaStore store, string tenantId, long since, int limit) : IResult, IEndpointMetadataProvider
{
    private const int FlushEvery = 64;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var ct = httpContext.RequestAborted;
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json";
        var body = httpContext.Response.BodyWriter;
        body.Write("{\"items\":["u8);
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

            body.Write(count == 0 ? "\n"u8 : ",\n"u8);
            body.Write(change.HeadUtf8.Span);
            next = change.Seq;
            if (++count % FlushEvery == 0)
            {
                await body.FlushAsync(ct).ConfigureAwait(false);
            }
        }

        WriteTrailer(body, next, hasMore);
        await body.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The last line: the end of the items, <c>next_cursor</c> and <c>has_more</c>.</summary>
    private static void WriteTrailer(System.IO.Pipelines.PipeWriter body, long next, bool hasMore)
    {
        body.Write("\n],\"next_cursor\":"u8);
        var span = body.GetSpan(20);
        Utf8Formatter.TryFormat(next, span, out var written);
        body.Advance(written);
        body.Write(hasMore ? ",\"has_more\":true}\n"u8 : ",\"has_more\":false}\n"u8);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, Microsoft.AspNetCore.Builder.EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Realign.Core.Contract.PullResponse), ["application/json"]));
    }
}
