using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Realign.Benchmarks;

/// <summary>The client side: pushes the items in batches and pulls them back from cursor 0, over HTTP on loopback.</summary>
internal static class HttpLoad
{
    /// <summary>Pushes items [0, count); returns the time spent in requests (building the bodies is not counted).</summary>
    public static async Task<TimeSpan> PushAsync(HttpClient http, int count, int batchSize, CancellationToken cancellationToken, bool randomIds = false, int salt = 0)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * 1024);
        var elapsed = TimeSpan.Zero;
        for (var start = 0; start < count; start += batchSize)
        {
            BenchItems.WritePushBody(buffer, "b" + start.ToString(CultureInfo.InvariantCulture), start, Math.Min(count, start + batchSize), randomIds, salt);
            using var content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var watch = Stopwatch.StartNew();
            using var response = await http.PostAsync(new Uri("sync/push", UriKind.Relative), content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"push failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }

            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            elapsed += watch.Elapsed;
        }

        return elapsed;
    }

    /// <summary>Pulls from cursor 0 to the end; returns the number of heads and the time.</summary>
    /// <remarks>Each page is read as it streams in (<see cref="PageScanner"/>): the client takes every head, decoded to a string as the
    /// raw read does, or parsed into a <c>SyncItem</c> when <paramref name="parse"/> (as a vault parses it), while the server is
    /// still writing the page.</remarks>
    public static async Task<(int Items, TimeSpan Elapsed)> PullAsync(HttpClient http, int pageSize, CancellationToken cancellationToken, bool parse = false)
    {
        var watch = Stopwatch.StartNew();
        long cursor = 0;
        var pulled = 0;
        while (true)
        {
            using var response = await http.GetAsync(new Uri($"sync/pull?since={cursor}&limit={pageSize}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var page = await PageScanner.ReadAsync(stream, parse, cancellationToken);
            pulled += page.Items;
            cursor = page.NextCursor ?? throw new InvalidOperationException("a pull page without next_cursor");
            if (page.HasMore is not { } more)
            {
                throw new InvalidOperationException("a pull page without has_more");
            }

            if (!more)
            {
                break;
            }
        }

        return (pulled, watch.Elapsed);
    }
}
