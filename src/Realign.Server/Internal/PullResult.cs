using System.Buffers;
using System.Buffers.Text;
using System.IO.Pipelines;
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
/// <param name="store">The store.</param>
/// <param name="tenantId">The tenant.</param>
/// <param name="since">The cursor.</param>
/// <param name="limit">Heads per page.</param>
/// <param name="transform">Rewrites each head before it is written (an AI token limited by the exposure policy,
/// <see cref="ExposureView"/>); null writes the stored bytes.</param>
/// <param name="metrics">Where the page's size and time are counted (none in tests that stream a page alone).</param>
internal sealed class PullResult(IReplicaStore store, string tenantId, long since, int limit, PullResult.HeadTransform? transform = null, Telemetry.ServerMetrics? metrics = null) : IResult, IEndpointMetadataProvider
{
    /// <summary>Rewrites one stored head.</summary>
    public delegate byte[] HeadTransform(ReadOnlySpan<byte> headUtf8);

    /// <summary>Bytes of item lines between flushes: the size Kestrel sends in one go, with the page still streaming.</summary>
    private const int FlushBytes = 64 * 1024;

    /// <summary>The size asked of the response writer for each buffer of item lines. Kestrel frames a chunked response one
    /// chunk per buffer, and its default buffer is 4 KB: with chunks that small, HttpClient reads every page through its
    /// own 4 KB buffer, one receive call per 4 KB. With 64 KB chunks it reads straight into the caller's buffer
    /// (docs/performance.md, fourth round).</summary>
    private const int BufferBytes = 64 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ct = httpContext.RequestAborted;
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json";
        var body = httpContext.Response.BodyWriter;
        body.Write("{\"items\":["u8);
        var page = new PageWriter(body, since, limit, transform);
        await store.CopyChangesAsync(tenantId, since, limit + 1, page, ct).ConfigureAwait(false);
        page.Complete();

        // Retention may have raised the purge horizon past this cursor while the page was read, and removed tombstones
        // the page should have carried. The heads written are real, but the page is then not complete: it ends where it
        // began, with more to come, and the client's next pull is told to resync (docs/operations.md, "Retention").
        var next = page.Next;
        var hasMore = page.HasMore;
        if (since > 0 && (await store.FindTenantAsync(tenantId, ct).ConfigureAwait(false))?.PurgedSeq > since)
        {
            (next, hasMore) = (since, true);
        }

        WriteTrailer(body, next, hasMore);
        await body.FlushAsync(ct).ConfigureAwait(false);
        metrics?.Pulled(page.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        System.Diagnostics.Activity.Current?.SetTag("realign.pull.items", page.Count);
    }

    /// <summary>Writes the item lines into the response's own buffers: one separator and one head per line, lines filling a
    /// buffer of <see cref="BufferBytes"/>, a flush every <see cref="FlushBytes"/>. Reads one head past the page to learn <c>has_more</c>.</summary>
    private sealed class PageWriter(PipeWriter body, long since, int limit, HeadTransform? transform) : IHeadSink
    {
        private Memory<byte> _memory;
        private int _used;
        private long _unflushed;

        public long Next { get; private set; } = since;

        public int Count { get; private set; }

        public bool HasMore { get; private set; }

        public HeadSinkAction Write(long seq, ReadOnlySpan<byte> headUtf8)
        {
            if (Count == limit)
            {
                HasMore = true;
                return HeadSinkAction.Stop;
            }

            if (transform is not null)
            {
                headUtf8 = transform(headUtf8);
            }

            var separator = Count == 0 ? "\n"u8 : ",\n"u8;
            var needed = separator.Length + headUtf8.Length;
            if (_memory.Length - _used < needed)
            {
                Complete();
                _memory = body.GetMemory(Math.Max(needed, BufferBytes));
            }

            var target = _memory.Span[_used..];
            separator.CopyTo(target);
            headUtf8.CopyTo(target[separator.Length..]);
            _used += needed;
            Next = seq;
            Count++;
            return _unflushed + _used >= FlushBytes ? HeadSinkAction.Flush : HeadSinkAction.Continue;
        }

        public ValueTask FlushAsync(CancellationToken cancellationToken)
        {
            Complete();
            _unflushed = 0;
            return FlushCoreAsync(cancellationToken);
        }

        /// <summary>Commits the lines written into the current buffer.</summary>
        public void Complete()
        {
            if (_memory.IsEmpty)
            {
                return;
            }

            body.Advance(_used);
            _unflushed += _used;
            _used = 0;
            _memory = Memory<byte>.Empty;
        }

        private async ValueTask FlushCoreAsync(CancellationToken cancellationToken) => await body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last line: the end of the items, <c>next_cursor</c> and <c>has_more</c>.</summary>
    private static void WriteTrailer(PipeWriter body, long next, bool hasMore)
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
