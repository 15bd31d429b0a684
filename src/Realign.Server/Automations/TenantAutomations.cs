using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Realign.Assist.Automations;
using Realign.Assist.Jobs;
using Realign.Assist.Providers;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Storage;

namespace Realign.Server.Automations;

/// <summary>One pass of one cloud-first tenant's automations under its runner lease: the changes after the runner's cursor,
/// the rules they trigger and the schedules that are due, then the new cursor.</summary>
/// <remarks>
/// <para>The cursor is the tenant's change sequence (the pull cursor), so a pass never misses a change that commits late.
/// The first pass starts just before the tenant's oldest rule: rules apply to what changes from then on, not to every note
/// already there. The runner's own writes are remembered by sequence number (<see cref="AutomationRunner.Skip"/>) and
/// skipped by the next pass, which would otherwise follow them a second time; a person's change to the same entity after
/// them has a new sequence number and is not skipped.</para>
/// <para>A change counts as a creation when the entity is at version 1. A change is by the origin of its newest register.</para>
/// </remarks>
internal sealed class TenantAutomations(IReplicaStore store, TimeProvider clock, string owner, TimeSpan lease, ILogger logger)
{
    /// <summary>The most changes one pass hands the engine; a larger backlog takes several passes.</summary>
    public const int PageSize = 200;

    /// <summary>The most changes read after a pass to find its own writes.</summary>
    private const int AfterLimit = 10_000;

    /// <summary>Consecutive failures at one cursor after which its page is skipped, so one bad change cannot stop a tenant.</summary>
    public const int MaxFailuresAtCursor = 5;

    /// <summary>The label of the internal principal the runner writes as.</summary>
    public const string PrincipalLabel = "server automations";

    private readonly Dictionary<string, (long Cursor, int Count)> _failures = new(StringComparer.Ordinal);

    /// <summary>Passes this runner made, newest last, at most 10,000 (diagnostics and tests).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<PassRecord> History { get; } = new();

    /// <summary>Takes the lease and runs one pass.</summary>
    public async Task<TenantPass> RunAsync(string tenantId, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var runner = await store.TakeRunnerLeaseAsync(tenantId, owner, Now(), Now() + Micros(lease), cancellationToken).ConfigureAwait(false);
        if (runner is null)
        {
            return TenantPass.Not(TenantPassOutcome.NotHeld);
        }

        var tenant = await store.FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is not { Mode: VaultMode.CloudFirst })
        {
            await store.ReleaseRunnerLeaseAsync(tenantId, owner, cancellationToken).ConfigureAwait(false);
            return TenantPass.Not(TenantPassOutcome.NotCloudFirst);
        }

        var ruleSeqs = await RuleSeqsAsync(tenantId, cancellationToken).ConfigureAwait(false);
        if (ruleSeqs.Count == 0)
        {
            await store.RemoveRunnerAsync(tenantId, owner, cancellationToken).ConfigureAwait(false);
            return TenantPass.Not(TenantPassOutcome.NoRules);
        }

        // Before the first pass: from just before the oldest rule, the rules themselves skipped.
        var cursor = runner.Cursor ?? (ruleSeqs.Min() - 1);
        var skip = runner.Cursor is null ? ruleSeqs.ToHashSet() : runner.Skip.ToHashSet();
        var principalId = runner.PrincipalId;
        if (principalId is null)
        {
            principalId = (await store.CreateTokenAsync(new TokenRequest(tenantId, PrincipalKind.Automation, Label: PrincipalLabel), cancellationToken).ConfigureAwait(false)).Principal.PrincipalId;
            if (!await SaveAsync(tenantId, cursor, skip, principalId, cancellationToken).ConfigureAwait(false))
            {
                return TenantPass.Not(TenantPassOutcome.LeaseLost);
            }
        }
        else if ((await store.ListPrincipalsAsync(tenantId, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.PrincipalId == principalId) is not { Revoked: false })
        {
            AutomationLog.Revoked(logger, tenantId, principalId);
            return TenantPass.Not(TenantPassOutcome.Revoked);
        }

        var page = await ReadAsync(tenantId, cursor, PageSize, cancellationToken).ConfigureAwait(false);
        var highWater = page.Count > 0 ? page[^1].Seq : cursor;
        var failures = _failures.TryGetValue(tenantId, out var failed) && failed.Cursor == cursor ? failed.Count : 0;
        if (failures >= MaxFailuresAtCursor)
        {
            AutomationLog.PageSkipped(logger, tenantId, failures, cursor, page.Count, highWater);
            _failures.Remove(tenantId);
            await SaveAsync(tenantId, highWater, skip.Where(s => s > highWater).ToHashSet(), principalId, cancellationToken).ConfigureAwait(false);
            return new TenantPass(TenantPassOutcome.Ran, 0, [], page.Count == PageSize, highWater);
        }

        var changes = new List<EntityChange>(page.Count);
        foreach (var (seq, head) in page)
        {
            if (!skip.Contains(seq) && !head.Deleted)
            {
                changes.Add(new EntityChange(ServerAssistReplica.Source(head), head.Version == 1, EntityChange.LatestOrigin(EntityCodec.FromHead(head, tenantId))));
            }
        }

        var replica = new ServerAssistReplica(store, tenant, principalId, clock, owner, lease);
        var engine = new AutomationEngine(replica, new AutomationOptions { Time = clock, Assistants = (_, ct) => BuiltinAsync(tenantId, ct) });
        AutomationPass pass;
        try
        {
            pass = await engine.RunPassAsync(changes, schedules: true, cancellationToken).ConfigureAwait(false);
        }
        catch (RunnerLeaseLostException)
        {
            AutomationLog.LeaseLost(logger, tenantId);
            return TenantPass.Not(TenantPassOutcome.LeaseLost);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            _failures[tenantId] = (cursor, failures + 1);
            throw;
        }

        _failures.Remove(tenantId);
        foreach (var (ruleId, _) in pass.InvalidRules)
        {
            AutomationLog.InvalidRule(logger, tenantId, ruleId);
        }

        var seen = highWater;
        var nextSkip = skip.Where(s => s > highWater).ToHashSet();
        if (pass.Written.Count > 0)
        {
            foreach (var (seq, head) in await ReadAsync(tenantId, highWater, AfterLimit, cancellationToken).ConfigureAwait(false))
            {
                seen = seq;
                if (pass.Written.Contains((head.EntityType!, head.EntityId!)) && EntityChange.LatestOrigin(EntityCodec.FromHead(head, tenantId)) is { } origin && replica.WrittenOrigins.Contains(origin))
                {
                    nextSkip.Add(seq);
                }
            }
        }

        if ((page.Count > 0 || pass.Written.Count > 0) && !await SaveAsync(tenantId, highWater, nextSkip, principalId, cancellationToken).ConfigureAwait(false))
        {
            AutomationLog.LeaseLost(logger, tenantId);
            return TenantPass.Not(TenantPassOutcome.LeaseLost);
        }

        AutomationLog.Pass(logger, tenantId, changes.Count, pass.Runs.Count);
        Record(new PassRecord(tenantId, owner, started, Stopwatch.GetTimestamp(), changes.Count, pass.Runs));
        return new TenantPass(TenantPassOutcome.Ran, changes.Count, pass.Runs, page.Count == PageSize, seen);
    }

    /// <summary>The built-in assistant, at the exposure the tenant's policy gives level 3: the server runs no model, so an
    /// <c>assist</c> action runs with it whatever provider the rule names.</summary>
    private async Task<Assistant> BuiltinAsync(string tenantId, CancellationToken cancellationToken)
    {
        var exposure = (await store.GetExposureAsync(tenantId, cancellationToken).ConfigureAwait(false)).Policy.For(TruthLevel.AiLocal);
        return new Assistant(ProviderCheck.Validate(ProviderNames.Builtin), exposure, new AssistantOptions { Time = clock });
    }

    /// <summary>The change sequences of the tenant's live rules (at most <see cref="ServerAssistReplica.MaxListed"/>).</summary>
    private async Task<List<long>> RuleSeqsAsync(string tenantId, CancellationToken cancellationToken)
    {
        var seqs = new List<long>();
        string? after = null;
        while (seqs.Count < ServerAssistReplica.MaxListed)
        {
            var count = 0;
            await foreach (var change in store.ListEntitiesAsync(tenantId, AutomationRule.EntityType, after, 500, cancellationToken).ConfigureAwait(false))
            {
                seqs.Add(change.Seq);
                after = ServerAssistReplica.Head(change).EntityId;
                count++;
            }

            if (count < 500)
            {
                break;
            }
        }

        return seqs;
    }

    private async Task<List<(long Seq, SyncItem Head)>> ReadAsync(string tenantId, long since, int limit, CancellationToken cancellationToken)
    {
        var list = new List<(long, SyncItem)>();
        await foreach (var change in store.ReadChangesAsync(tenantId, since, limit, cancellationToken).ConfigureAwait(false))
        {
            list.Add((change.Seq, ServerAssistReplica.Head(change)));
        }

        return list;
    }

    private Task<bool> SaveAsync(string tenantId, long cursor, HashSet<long> skip, string principalId, CancellationToken cancellationToken) =>
        store.SaveRunnerAsync(new RunnerSave(tenantId, owner, Now(), Now() + Micros(lease), cursor, skip.Order().ToList(), principalId), cancellationToken);

    private void Record(PassRecord record)
    {
        History.Enqueue(record);
        while (History.Count > 10_000 && History.TryDequeue(out _))
        {
        }
    }

    private long Now() => UtcMicros.From(clock.GetUtcNow());

    private static long Micros(TimeSpan span) => (long)span.TotalMicroseconds;
}
