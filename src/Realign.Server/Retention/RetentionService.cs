using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realign.Core.Truth;
using Realign.Storage;

namespace Realign.Server.Retention;

/// <summary>The retention job (docs/operations.md, "Retention"), a hosted service of the server: once per <see cref="RealignServerOptions.RetentionInterval"/>
/// across every server of a store, one of them removes from every tenant what is older than
/// <see cref="RealignServerOptions.Retention"/> and no client needs to converge (<see cref="IReplicaStore.ApplyRetentionAsync"/>).</summary>
/// <remarks>Each server looks every minute (or every interval, if shorter) whether the job is due; the row of
/// <c>maintenance_jobs</c> gives it to one server at a time, and its last run makes it due again one interval later, so
/// the servers take turns and never run it twice in an interval. A server that stops mid-pass leaves a lease that ends
/// after <see cref="Lease"/>; the next server then runs the whole pass again, which is safe: every step removes by
/// condition.</remarks>
public sealed partial class RetentionService(IReplicaStore store, RealignServerOptions options, ILogger<RetentionService> logger, Telemetry.ServerMetrics metrics) : BackgroundService
{
    /// <summary>The job's row in <c>maintenance_jobs</c>.</summary>
    public const string JobName = "retention";

    /// <summary>How long a server holds the job for a pass before another may take it over.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private static readonly TimeSpan Look = TimeSpan.FromMinutes(1);

    /// <summary>This server's name as the job's lease owner.</summary>
    public string Owner { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>Runs the pass when it is due and no other server runs it: what it removed, or null when it did not run.</summary>
    public async Task<IReadOnlyList<RetentionRun>?> RunIfDueAsync(CancellationToken cancellationToken)
    {
        var now = options.Clock.GetUtcNow();
        var micros = UtcMicros.From(now);
        if (!await store.TakeMaintenanceJobAsync(JobName, Owner, micros, UtcMicros.From(now + Lease), UtcMicros.From(now - options.RetentionInterval), cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        long? ranAt = null;
        try
        {
            var runs = await RunPassAsync(cancellationToken).ConfigureAwait(false);
            ranAt = UtcMicros.From(options.Clock.GetUtcNow());
            return runs;
        }
        finally
        {
            // A pass that failed or was stopped is due again at the next look; only a pass that ran through waits an interval.
            await store.FinishMaintenanceJobAsync(JobName, Owner, ranAt, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>One pass over every tenant, now (the caller sees to it that one server runs it).</summary>
    public Task<IReadOnlyList<RetentionRun>> RunPassAsync(CancellationToken cancellationToken) =>
        PassAsync(store, UtcMicros.From(options.Clock.GetUtcNow() - options.Retention), run =>
        {
            metrics.Retained(run);
            if (run.Total > 0)
            {
                Removed(logger, run.TenantId, run.Tombstones, run.UsageRecords, run.Proposals, run.Conflicts, run.Events, run.Batches, run.PurgedSeq);
            }
        }, cancellationToken);

    /// <summary>One pass over every tenant of <paramref name="store"/> with the horizon <paramref name="horizonMicros"/>,
    /// each tenant's result handed to <paramref name="done"/> as it is made (the service and <c>realign admin retention</c>).</summary>
    public static async Task<IReadOnlyList<RetentionRun>> PassAsync(IReplicaStore store, long horizonMicros, Action<RetentionRun>? done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var runs = new List<RetentionRun>();
        foreach (var tenant in await store.ListTenantsAsync(cancellationToken).ConfigureAwait(false))
        {
            var run = await store.ApplyRetentionAsync(tenant.Id, horizonMicros, cancellationToken).ConfigureAwait(false);
            done?.Invoke(run);
            runs.Add(run);
        }

        return runs;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Retention <= TimeSpan.Zero || !options.RetentionJob)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.RetentionInterval < Look ? options.RetentionInterval : Look, options.Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RunIfDueAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Failed(logger, ex.GetType().Name, ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: a pass under way ends at its next statement, and the next server to look runs it again in full.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention of tenant {TenantId}: removed {Tombstones} tombstone(s), {Usage} usage record(s), {Proposals} decided proposal(s), {Conflicts} resolved conflict(s), {Events} event(s), {Batches} batch record(s); purge horizon {PurgedSeq}")]
    private static partial void Removed(ILogger logger, string tenantId, int tombstones, int usage, int proposals, int conflicts, int events, int batches, long purgedSeq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention pass failed, tried again at the next look: {ErrorType}: {Error}")]
    private static partial void Failed(ILogger logger, string errorType, string error);
}
