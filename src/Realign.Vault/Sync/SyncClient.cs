using Realign.Core.Contract;
using Realign.Core.Merge;

namespace Realign.Vault.Sync;

/// <summary>Synchronises a <see cref="LocalVault"/> with a server: push the outbox, then pull from the checkpoint.</summary>
/// <remarks>
/// Embeddable: give it a vault and an <see cref="ISyncTransport"/> (for example <see cref="HttpSyncTransport"/>).
/// Push: each batch's id is committed before it is sent, so a retry after a crash replays the same id and the server
/// applies nothing twice; on success the rows leave the outbox in one transaction. A refused batch sets its offending
/// items aside (with the server's reasons) and the rest is pushed again under a new id. Pull: each page and the new
/// checkpoint are applied in one transaction, so a crash between pages resumes from the last applied page. A 410
/// <c>resync-required</c> restarts the pull from cursor 0; joins are idempotent, so re-applying known heads is harmless.
/// Not safe for concurrent calls on one vault.
/// </remarks>
public sealed class SyncClient
{
    private readonly ISyncReplica _vault;
    private readonly ISyncTransport _transport;
    private readonly SyncOptions _options;
    private int _restores;
    private int _requeued;

    /// <summary>Creates a client for a replica (a <see cref="LocalVault"/>) and a transport.</summary>
    public SyncClient(ISyncReplica vault, ISyncTransport transport, SyncOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vault);
        ArgumentNullException.ThrowIfNull(transport);
        _vault = vault;
        _transport = transport;
        _options = options ?? new SyncOptions();
    }

    /// <summary>Waits until the server holds changes this vault has not pulled (true), or <paramref name="timeout"/> (false):
    /// a long poll from the vault's pull checkpoint, so a device hears another device's push as soon as it commits.</summary>
    public Task<bool> WaitForRemoteChangeAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _transport.WaitForChangeAsync(_vault.Checkpoint, timeout, cancellationToken);

    /// <summary>Pushes every queued change, then pulls every change since the checkpoint.</summary>
    /// <exception cref="SyncTransportException">When the server stays unreachable or rejects the token.</exception>
    public async Task<SyncSummary> SyncAsync(IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var restoresBefore = _restores;
        var requeuedBefore = _requeued;
        var (pushed, setAside, conflicts, proposals) = await PushAsync(progress, cancellationToken).ConfigureAwait(false);
        var (pulled, changed, resynced) = await PullAsync(progress, cancellationToken).ConfigureAwait(false);
        if (_restores != restoresBefore)
        {
            // The server went back to an older point: what this vault queued again goes up now, and the pull after it
            // brings the server's merge of it back.
            var (again, asideAgain, conflictsAgain, proposalsAgain) = await PushAsync(progress, cancellationToken).ConfigureAwait(false);
            var (pulledAgain, changedAgain, _) = await PullAsync(progress, cancellationToken).ConfigureAwait(false);
            (pushed, setAside, conflicts, proposals) = (pushed + again, setAside + asideAgain, conflicts + conflictsAgain, proposals + proposalsAgain);
            (pulled, changed, resynced) = (pulled + pulledAgain, changed + changedAgain, true);
        }

        IReadOnlyList<ConflictDto>? open = null;
        if (_options.FetchConflicts)
        {
            open = await _transport.GetConflictsAsync("open", cancellationToken).ConfigureAwait(false);
        }

        var due = _options.VerifyChecksum && (_vault.ChecksumMatchedAt is not { } last || DateTimeOffset.UtcNow - last >= _options.ChecksumInterval);
        var (matched, rebuilt) = due ? await VerifyChecksumAsync(cancellationToken).ConfigureAwait(false) : (null, false);
        if (matched == true)
        {
            _vault.RecordChecksumMatch();
        }

        _vault.FinishSync(open);
        return new SyncSummary(pushed, setAside, pulled, changed, conflicts, proposals, resynced || rebuilt, _vault.Checkpoint, open?.Count ?? -1)
        {
            ChecksumMatched = matched,
            Rebuilt = rebuilt,
            ServerRestored = _restores != restoresBefore,
            Requeued = _requeued - requeuedBefore,
        };
    }

    /// <summary>Compares the vault's checksum with the server's at the same cursor; on a mismatch rebuilds the replica from the server once.</summary>
    private async Task<(bool? Matched, bool Rebuilt)> VerifyChecksumAsync(CancellationToken cancellationToken)
    {
        var first = await CompareAsync(cancellationToken).ConfigureAwait(false);
        if (first is not false)
        {
            return (first, false);
        }

        _vault.ForgetSyncedEntities();
        await PullAsync(null, cancellationToken).ConfigureAwait(false);
        return (await CompareAsync(cancellationToken).ConfigureAwait(false), true);
    }

    private async Task<bool?> CompareAsync(CancellationToken cancellationToken)
    {
        var pending = _vault.Pending;
        if (pending.Queued > 0 || pending.SetAside > 0 || await _transport.GetChecksumAsync(cancellationToken).ConfigureAwait(false) is not { } server || server.Cursor != _vault.Checkpoint)
        {
            return null;
        }

        return server.Checksum == _vault.Checksum();
    }

    /// <summary>Pushes the outbox until it is empty.</summary>
    public async Task<(int Pushed, int SetAside, int Conflicts, int Proposals)> PushAsync(IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        int pushed = 0, setAside = 0, conflicts = 0, proposals = 0;
        var total = _vault.Pending.Queued;
        var batchSize = _options.PushBatchSize;
        var reissued = false;
        var recovered = false;
        while (_vault.NextBatch(batchSize) is { } batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var request = new PushRequest { BatchId = batch.BatchId, Items = [.. batch.Items] };
            _transport.ReportOutboxDepth(Math.Max(batch.Items.Count, total - pushed - setAside));
            var result = await _transport.PushAsync(request, cancellationToken).ConfigureAwait(false);
            if (!recovered && (EpochChanged() || (result.Status == 409 && result.Code == HttpSyncTransport.VersionAhead)))
            {
                // The answer came from a server that went back to an older point: a new epoch, or versions older than this
                // vault saw (restored without a new epoch). Queue this vault's acknowledged changes again, without their
                // versions, and push from the top (the batch just answered is among them if it was stored). Once per
                // push: servers that disagree on the epoch (a restart under way) cannot keep the loop going.
                recovered = true;
                Recover(_transport.ServerEpoch);
                total = Math.Max(total, _vault.Pending.Queued);
                continue;
            }

            if (result.Response is { } response)
            {
                _vault.CompleteBatch(batch, response);
                reissued = false;
                pushed += batch.Items.Count;
                conflicts += response.Results.Count(r => r.Outcome == ItemOutcome.Conflict);
                proposals += response.Results.Count(r => r.Outcome == ItemOutcome.Proposal);
            }
            else if (result.Errors is { Count: > 0 } errors && errors.Any(e => e.Index >= 0 && e.Index < batch.Items.Count))
            {
                setAside += _vault.SetAsideRefused(batch, errors);
            }
            else if (result.Status == 409 && result.Code == HttpSyncTransport.BatchIdReused && !reissued)
            {
                // The server holds this id for another body (this vault never sends one id with other items, so the id
                // collided): nothing was stored; the same items go again under a fresh id. Merging them twice is harmless.
                reissued = true;
                _vault.ReleaseBatch(batch);
                continue;
            }
            else if (result.Status == 413 && batch.Items.Count > 1)
            {
                // The request as a whole was too large (a body size limit, no item named): split it.
                batchSize = Math.Max(1, batch.Items.Count / 2);
                _vault.ReleaseBatch(batch);
                continue;
            }
            else if (result.Status == 413)
            {
                setAside += _vault.SetAsideRefused(batch, [new ItemErrorDto { Index = 0, Code = "payload-too-large", Message = result.Detail ?? "the item is larger than the server accepts" }]);
            }
            else
            {
                throw new SyncTransportException($"the server refused the batch ({result.Status} {result.Code}): {result.Detail}") { Status = result.Status, Code = result.Code };
            }

            progress?.Report(new SyncProgress("push", pushed + setAside, Math.Max(total, pushed + setAside)));
        }

        // The outbox is empty now (what was refused is set aside, not queued): the pulls that follow say so.
        _transport.ReportOutboxDepth(0);
        return (pushed, setAside, conflicts, proposals);
    }

    /// <summary>Pulls every page after the checkpoint, restarting from 0 when the server demands a resync.</summary>
    public async Task<(int Pulled, int Changed, bool Resynced)> PullAsync(IProgress<SyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        int pulled = 0, changed = 0;
        var resynced = false;
        var recovered = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            PullResponse page;
            try
            {
                page = await _transport.PullAsync(_vault.Checkpoint, _options.PullPageSize, cancellationToken).ConfigureAwait(false);
            }
            catch (ResyncRequiredException) when (!resynced)
            {
                resynced = true;
                _vault.ResetCheckpoint();
                continue;
            }
            catch (ServerRestoredException) when (!recovered)
            {
                recovered = true;
                Recover(_transport.ServerEpoch);
                continue;
            }

            if (EpochChanged() && !recovered)
            {
                // The page came from a server that went back to an older point: it is not applied; the pull starts again
                // from 0 once this vault's acknowledged changes are queued again.
                recovered = true;
                Recover(_transport.ServerEpoch);
                continue;
            }

            if (_vault.ServerEpoch is null && _transport.ServerEpoch is { } first)
            {
                _vault.RecordServerEpoch(first);
            }

            changed += _vault.ApplyPage(page);
            pulled += page.Items.Count;
            progress?.Report(new SyncProgress("pull", pulled, pulled + (page.HasMore ? _options.PullPageSize : 0)));
            if (!page.HasMore)
            {
                return (pulled, changed, resynced);
            }
        }
    }

    /// <summary>Whether the server's epoch differs from the one this vault synced with (a restore since).</summary>
    private bool EpochChanged() =>
        _transport.ServerEpoch is { } now && _vault.ServerEpoch is { } known && !string.Equals(now, known, StringComparison.Ordinal);

    private void Recover(string? epoch)
    {
        _restores++;
        _requeued += _vault.RecoverFromServerRestore(epoch);
    }

    /// <summary>Resolves a conflict on the server (keep <c>winner</c> or <c>loser</c>, or a merged value), then syncs.</summary>
    public async Task<ResolveResponse> ResolveAsync(ResolveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await PushAsync(null, cancellationToken).ConfigureAwait(false);
        var result = await _transport.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        await SyncAsync(null, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
