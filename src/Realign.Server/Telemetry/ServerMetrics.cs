using System.Diagnostics.Metrics;
using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Server.Telemetry;

/// <summary>The sync server's own metrics (meter <c>Realign.Server</c>): pushes and pulls (items, batch and page sizes,
/// durations), the proposals and conflicts pushes made, refusals by code, and the outbox depth vaults report. Tags are
/// outcomes and codes only: never a tenant, an entity, a field or a value.</summary>
public sealed class ServerMetrics
{
    /// <summary>The meter's name, for an OpenTelemetry meter provider.</summary>
    public const string MeterName = "Realign.Server";

    /// <summary>The request header a vault reports its outbox depth in (changes not yet pushed).</summary>
    public const string OutboxDepthHeader = "Realign-Outbox-Depth";

    /// <summary>Bucket bounds of durations, in seconds: a push or pull page takes milliseconds, a slow one seconds.</summary>
    internal static readonly InstrumentAdvice<double> Seconds = new() { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] };

    private static readonly InstrumentAdvice<int> Sizes = new() { HistogramBucketBoundaries = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000] };

    private static readonly InstrumentAdvice<long> Depths = new() { HistogramBucketBoundaries = [0, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000] };

    private readonly Counter<long> _pushItems;
    private readonly Histogram<int> _pushBatch;
    private readonly Histogram<double> _pushDuration;
    private readonly Counter<long> _pullItems;
    private readonly Histogram<int> _pullPage;
    private readonly Histogram<double> _pullDuration;
    private readonly Counter<long> _proposals;
    private readonly Counter<long> _conflicts;
    private readonly Counter<long> _refusals;
    private readonly Histogram<long> _outboxDepth;
    private readonly Counter<long> _retained;

    /// <summary>Creates the instruments on a meter of <paramref name="meters"/> (one per host, so hosts in one process keep
    /// their figures apart).</summary>
    public ServerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName, typeof(ServerMetrics).Assembly.GetName().Version?.ToString());
        _pushItems = meter.CreateCounter<long>("realign.push.items", "{item}", "Items of accepted push batches, by outcome (applied, proposal, conflict, discarded, ...)");
        _pushBatch = meter.CreateHistogram("realign.push.batch.size", "{item}", "Items per accepted push batch", advice: Sizes);
        _pushDuration = meter.CreateHistogram("realign.push.duration", "s", "Time to admit and apply a push batch, by result (applied, replayed, refused)", advice: Seconds);
        _pullItems = meter.CreateCounter<long>("realign.pull.items", "{item}", "Heads sent in pull pages");
        _pullPage = meter.CreateHistogram("realign.pull.page.size", "{item}", "Heads per pull page", advice: Sizes);
        _pullDuration = meter.CreateHistogram("realign.pull.duration", "s", "Time to read and send a pull page", advice: Seconds);
        _proposals = meter.CreateCounter<long>("realign.proposals", "{proposal}", "Proposals pushes made (a lower level writing over a higher one)");
        _conflicts = meter.CreateCounter<long>("realign.conflicts", "{conflict}", "Conflicts pushes made (concurrent writes of one level)");
        _refusals = meter.CreateCounter<long>("realign.refusals", "{refusal}", "Refused requests by code (invalid-item, level-not-allowed, rate-limited, unauthorized, ...)");
        _retained = meter.CreateCounter<long>("realign.retention.removed", "{row}", "Rows the retention job removed, by kind (tombstones, usage, proposals, conflicts, events, batches)");
        _outboxDepth = meter.CreateHistogram("realign.vault.outbox.depth", "{change}", "Outbox depth the vaults report with their pushes and pulls", advice: Depths);
    }

    /// <summary>Records an accepted push batch.</summary>
    public void Pushed(PushResponse response, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(response);
        _pushBatch.Record(response.Results.Count);
        _pushDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("realign.result", response.Replayed ? "replayed" : "applied"));
        if (response.Replayed)
        {
            return;
        }

        Span<long> byOutcome = stackalloc long[8];
        long proposals = 0, conflicts = 0;
        foreach (var result in response.Results)
        {
            var index = (int)result.Outcome;
            if ((uint)index < (uint)byOutcome.Length)
            {
                byOutcome[index]++;
            }

            proposals += result.ProposalIds?.Count ?? 0;
            conflicts += result.ConflictIds?.Count ?? 0;
        }

        for (var i = 0; i < byOutcome.Length; i++)
        {
            if (byOutcome[i] > 0)
            {
                _pushItems.Add(byOutcome[i], new KeyValuePair<string, object?>("realign.outcome", ((ItemOutcome)i).ToString().ToLowerInvariant()));
            }
        }

        if (proposals > 0)
        {
            _proposals.Add(proposals);
        }

        if (conflicts > 0)
        {
            _conflicts.Add(conflicts);
        }
    }

    /// <summary>Records a refused push (its time, too).</summary>
    public void PushRefused(string code, TimeSpan elapsed)
    {
        _pushDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("realign.result", "refused"));
        Refused(code);
    }

    /// <summary>Records a refusal by its problem code.</summary>
    public void Refused(string code) => _refusals.Add(1, new KeyValuePair<string, object?>("realign.code", code));

    /// <summary>Records a pull page.</summary>
    public void Pulled(int heads, TimeSpan elapsed)
    {
        _pullItems.Add(heads);
        _pullPage.Record(heads);
        _pullDuration.Record(elapsed.TotalSeconds);
    }

    /// <summary>Records what a retention pass removed from a tenant.</summary>
    public void Retained(Storage.RetentionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var (kind, count) in new[] { ("tombstones", run.Tombstones), ("usage", run.UsageRecords), ("proposals", run.Proposals), ("conflicts", run.Conflicts), ("events", run.Events), ("batches", run.Batches) })
        {
            if (count > 0)
            {
                _retained.Add(count, new KeyValuePair<string, object?>("realign.kind", kind));
            }
        }
    }

    /// <summary>Records the outbox depth a vault reports in <see cref="OutboxDepthHeader"/>, when the header is a number.</summary>
    public void OutboxDepthOf(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(OutboxDepthHeader, out var values) && long.TryParse(values.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var depth))
        {
            _outboxDepth.Record(depth);
        }
    }
}
