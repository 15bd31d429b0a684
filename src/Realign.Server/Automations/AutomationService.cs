using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Realign.Assist.Automations;
using Realign.Core.Contract;
using Realign.Storage;

namespace Realign.Server.Automations;

/// <summary>Runs the automations of the cloud-first tenants in this server: one runner per tenant across every server on
/// the same store, by the tenant's lease in <c>automation_runners</c>.</summary>
/// <remarks>
/// <para>Every <see cref="RealignServerOptions.AutomationPollInterval"/> a full round lists the cloud-first tenants that have
/// a rule (or a runner row) and visits each: take or renew its lease, then a pass of <see cref="TenantAutomations"/> (the
/// changes since its cursor and the schedules that are due). Between full rounds it waits on the tenants it holds
/// (<see cref="IReplicaStore.WaitForChangeAsync"/>, which on PostgreSQL hears every server's commits) and visits only those
/// that changed. Local-first tenants are never listed: their content is encrypted and their vaults run their rules.</para>
/// <para>Every loop is bounded: passes per visit, tenants per round, tenants watched, the rate of rounds. A tenant whose pass
/// fails is retried with a growing delay and the others go on; after <see cref="TenantAutomations.MaxFailuresAtCursor"/>
/// failures at one cursor its page of changes is skipped. At shutdown a pass under way may finish (up to
/// <see cref="ShutdownGrace"/>), so its cursor is saved, and then every lease this server holds is released, so another
/// server takes the tenant at once instead of when the lease ends.</para>
/// </remarks>
internal sealed class AutomationService : BackgroundService
{
    /// <summary>Passes one visit may make on a tenant with a backlog before the round moves on (it resumes next round).</summary>
    public const int MaxPassesPerVisit = 10;

    /// <summary>The most held tenants waited on between rounds; the others are seen at the next full round.</summary>
    public const int MaxWatched = 64;

    /// <summary>The most tenants one round visits.</summary>
    public const int MaxTenantsPerRound = 100_000;

    private const int TenantPage = 1000;

    private static readonly TimeSpan MinRoundSpacing = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>How long a pass under way at shutdown may still run (within the host's 30 s shutdown timeout).</summary>
    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(10);

    private readonly IReplicaStore _store;
    private readonly TimeSpan _poll;
    private readonly TimeSpan _lease;
    private readonly ILogger<AutomationService> _logger;
    private long _fullRounds;

    /// <summary>Creates the service over the server's store and options.</summary>
    public AutomationService(IReplicaStore store, RealignServerOptions options, ILogger<AutomationService> logger)
    {
        Validate(options);
        _store = store;
        _poll = options.AutomationPollInterval;
        _lease = options.AutomationLease;
        _logger = logger;
        Owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        Passes = new TenantAutomations(store, options.Clock, Owner, _lease, logger);
    }

    /// <summary>The lease owner this server takes tenants as: machine, process and a per-start id.</summary>
    public string Owner { get; }

    /// <summary>The passes, with their history.</summary>
    public TenantAutomations Passes { get; }

    /// <summary>Failed and cut-short passes, newest last, at most 1,000 (diagnostics and tests): tenant, process timestamp,
    /// what happened (error types and messages, never content).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(string TenantId, long Timestamp, string What)> Incidents { get; } = new();

    /// <summary>Full rounds completed since the start.</summary>
    public long FullRounds => Interlocked.Read(ref _fullRounds);

    /// <summary>Refuses settings the loop cannot keep: a lease must outlast two poll intervals, or an idle tenant's lease
    /// would end between the rounds that renew it.</summary>
    public static void Validate(RealignServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.AutomationPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("AutomationPollInterval must be positive", nameof(options));
        }

        if (options.AutomationLease < 2 * options.AutomationPollInterval)
        {
            throw new ArgumentException("AutomationLease must be at least twice AutomationPollInterval, so an idle tenant's lease is renewed before it ends", nameof(options));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        AutomationLog.Started(_logger, Owner, _poll.TotalSeconds, _lease.TotalSeconds);
        var leases = new HashSet<string>(StringComparer.Ordinal);
        var watch = new Dictionary<string, long>(StringComparer.Ordinal);
        var dirty = new HashSet<string>(StringComparer.Ordinal);
        var backoff = new Dictionary<string, (int Failures, long RetryAt)>(StringComparer.Ordinal);
        var nextFull = 0L;
        // A pass under way when the server stops is let finish (up to ShutdownGrace), so its cursor is saved and the server
        // that takes the tenant over does not run its changes again.
        using var passes = new CancellationTokenSource();
        using var grace = stoppingToken.Register(() => passes.CancelAfter(ShutdownGrace));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    nextFull = await RoundAsync(leases, watch, dirty, backoff, nextFull, stoppingToken, passes.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Nothing of a round may stop the loop (an exception leaving a background service stops the host).
                    AutomationLog.RoundFailed(_logger, ex.GetType().Name, ex.Message);
                    await Task.Delay(_poll, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a store call cut short may throw its own exception rather than a cancellation.
        }
        finally
        {
            await ReleaseAsync(leases).ConfigureAwait(false);
        }
    }

    /// <summary>One round: every listed tenant when a full round is due, else the tenants that changed; then the wait.</summary>
    /// <returns>When the next full round is due (a <see cref="Stopwatch"/> timestamp).</returns>
    private async Task<long> RoundAsync(HashSet<string> leases, Dictionary<string, long> watch, HashSet<string> dirty, Dictionary<string, (int Failures, long RetryAt)> backoff, long nextFull, CancellationToken stoppingToken, CancellationToken passToken)
    {
        var full = Stopwatch.GetTimestamp() >= nextFull;
        List<string> visit;
        if (full)
        {
            nextFull = Stopwatch.GetTimestamp() + Ticks(_poll);
            visit = await ListTenantsAsync(stoppingToken).ConfigureAwait(false) ?? [.. leases];
            var listed = visit.ToHashSet(StringComparer.Ordinal);
            watch.Keys.Where(id => !listed.Contains(id)).ToList().ForEach(id => watch.Remove(id));
        }
        else
        {
            visit = [.. dirty];
        }

        dirty.Clear();
        foreach (var tenantId in visit)
        {
            stoppingToken.ThrowIfCancellationRequested();
            if (!backoff.TryGetValue(tenantId, out var b) || Stopwatch.GetTimestamp() >= b.RetryAt)
            {
                await VisitAsync(tenantId, leases, watch, dirty, backoff, stoppingToken, passToken).ConfigureAwait(false);
            }
        }

        if (full)
        {
            Interlocked.Increment(ref _fullRounds);
        }

        await WaitAsync(watch, dirty, nextFull, stoppingToken).ConfigureAwait(false);
        return nextFull;
    }

    private async Task VisitAsync(string tenantId, HashSet<string> leases, Dictionary<string, long> watch, HashSet<string> dirty, Dictionary<string, (int Failures, long RetryAt)> backoff, CancellationToken stoppingToken, CancellationToken passToken)
    {
        for (var i = 0; i < MaxPassesPerVisit && !stoppingToken.IsCancellationRequested; i++)
        {
            // Counted as held before the pass, so a pass cut short by shutdown still releases its lease.
            leases.Add(tenantId);
            TenantPass pass;
            try
            {
                pass = await Passes.RunAsync(tenantId, passToken).ConfigureAwait(false);
                backoff.Remove(tenantId);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                var failures = backoff.TryGetValue(tenantId, out var b) ? b.Failures + 1 : 1;
                var delay = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, _poll.Ticks * (1L << Math.Min(failures - 1, 20))));
                backoff[tenantId] = (failures, Stopwatch.GetTimestamp() + Ticks(delay));
                AutomationLog.PassFailed(_logger, tenantId, failures, delay.TotalSeconds, ex.GetType().Name, ex.Message);
                Incident(tenantId, $"failed: {ex.GetType().Name}: {ex.Message}");
                return;
            }

            if (pass.Outcome is TenantPassOutcome.Ran or TenantPassOutcome.Revoked)
            {
                if (pass.Outcome == TenantPassOutcome.Ran)
                {
                    watch[tenantId] = pass.SeenSeq;
                }
            }
            else
            {
                if (pass.Outcome == TenantPassOutcome.LeaseLost)
                {
                    Incident(tenantId, "lease lost");
                }

                leases.Remove(tenantId);
                watch.Remove(tenantId);
            }

            if (pass.Outcome != TenantPassOutcome.Ran || !pass.More)
            {
                return;
            }
        }

        dirty.Add(tenantId);
    }

    /// <summary>The tenants to visit, or null when they could not be listed (the round then visits the ones it holds).</summary>
    private async Task<List<string>?> ListTenantsAsync(CancellationToken stoppingToken)
    {
        var ids = new List<string>();
        try
        {
            while (ids.Count < MaxTenantsPerRound)
            {
                var page = await _store.ListRunnerTenantsAsync(VaultMode.CloudFirst, AutomationRule.EntityType, ids.Count > 0 ? ids[^1] : null, TenantPage, stoppingToken).ConfigureAwait(false);
                ids.AddRange(page);
                if (page.Count < TenantPage)
                {
                    break;
                }
            }

            return ids;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            AutomationLog.RoundFailed(_logger, ex.GetType().Name, ex.Message);
            return null;
        }
    }

    /// <summary>Waits until a watched tenant changes or the next full round is due; the changed tenants become dirty.</summary>
    private async Task WaitAsync(Dictionary<string, long> watch, HashSet<string> dirty, long nextFull, CancellationToken stoppingToken)
    {
        await Task.Delay(MinRoundSpacing, stoppingToken).ConfigureAwait(false);
        var remaining = TimeSpan.FromSeconds((nextFull - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        if (dirty.Count > 0 || remaining <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var waits = watch.Take(MaxWatched).Select(kv => (TenantId: kv.Key, Since: kv.Value, Task: _store.WaitForChangeAsync(kv.Key, kv.Value, remaining, stop.Token))).ToList();
        var deadline = Task.Delay(remaining, stop.Token);
        await Task.WhenAny(waits.Select(w => (Task)w.Task).Append(deadline)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        foreach (var (tenantId, since, task) in waits)
        {
            try
            {
                if (await task.ConfigureAwait(false) > since)
                {
                    dirty.Add(tenantId);
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A tenant that cannot be waited on (removed, unreachable) is left to the next full round.
                watch.Remove(tenantId);
            }
        }

        try
        {
            await deadline.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stoppingToken.ThrowIfCancellationRequested();
    }

    private async Task ReleaseAsync(HashSet<string> leases)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var tenantId in leases)
        {
            try
            {
                await _store.ReleaseRunnerLeaseAsync(tenantId, Owner, bound.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                AutomationLog.ReleaseFailed(_logger, tenantId, ex.GetType().Name);
            }
        }
    }

    private void Incident(string tenantId, string what)
    {
        Incidents.Enqueue((tenantId, Stopwatch.GetTimestamp(), what));
        while (Incidents.Count > 1000 && Incidents.TryDequeue(out _))
        {
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
