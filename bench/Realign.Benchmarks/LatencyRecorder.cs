using System.Diagnostics;

namespace Realign.Benchmarks;

/// <summary>Every request's latency by kind (<c>push</c>, <c>pull</c>, <c>other</c>) and the error statuses, from all devices.</summary>
internal sealed class LatencyRecorder
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<double>> _millis = [];
    private int _errors;
    private int _requests;

    public int ErrorStatuses => _errors;

    public int Requests => _requests;

    public void Record(string kind, double millis, bool error)
    {
        lock (_lock)
        {
            if (!_millis.TryGetValue(kind, out var list))
            {
                _millis[kind] = list = [];
            }

            list.Add(millis);
            _requests++;
            if (error)
            {
                _errors++;
            }
        }
    }

    /// <summary>Forgets every latency recorded so far (the warm-up's); returns the error statuses among them.</summary>
    public int Reset()
    {
        lock (_lock)
        {
            var errors = _errors;
            _millis.Clear();
            (_errors, _requests) = (0, 0);
            return errors;
        }
    }

    /// <summary>Count, p50, p99 and maximum (nearest rank) of one kind's latencies in milliseconds.</summary>
    public LatencySummary Summary(string kind)
    {
        lock (_lock)
        {
            if (!_millis.TryGetValue(kind, out var list) || list.Count == 0)
            {
                return new LatencySummary(0, 0, 0, 0);
            }

            var sorted = list.Order().ToArray();
            return new LatencySummary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
        }

        static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Requests of one kind and their latency percentiles, in milliseconds.</summary>
public sealed record LatencySummary(int Count, double P50, double P99, double Max);

/// <summary>Times each request from sending to the end of its response body being available (headers and content read).</summary>
internal sealed class LatencyHandler(LatencyRecorder recorder) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        var kind = path.EndsWith("/sync/push", StringComparison.Ordinal) ? "push" : path.EndsWith("/sync/pull", StringComparison.Ordinal) ? "pull" : "other";
        var start = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            recorder.Record(kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds, (int)response.StatusCode >= 400);
            return response;
        }
        catch (HttpRequestException)
        {
            recorder.Record(kind, Stopwatch.GetElapsedTime(start).TotalMilliseconds, error: true);
            throw;
        }
    }
}
