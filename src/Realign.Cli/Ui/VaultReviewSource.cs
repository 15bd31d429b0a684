using Realign.Core.Rules;
using Realign.Vault;
using Realign.Web.Review;

namespace Realign.Cli.Ui;

/// <summary>The review UI over a local vault: decrypted content, decisions written as the vault's user (<c>user:desktop</c>)
/// and synced as usual.</summary>
/// <param name="vault">The vault.</param>
/// <param name="transport">Makes the transport to the server (for settling conflicts, which the server does).</param>
internal sealed class VaultReviewSource(LocalVault vault, Func<Realign.Vault.Sync.HttpSyncTransport> transport) : IReviewSource, IRelatedSource
{
    public ReviewContext Context { get; } = new("vault", vault.Settings.TenantId, vault.Settings.UserOrigin, CanAccept: true, vault.Settings.IsLocalFirst);

    public Task<ReviewInbox> InboxAsync(CancellationToken cancellationToken = default)
    {
        var suggestions = vault.Suggestions().Select(ToReview).ToList();
        var entities = vault.SuggestedEntities().Select(Summary).ToList();
        return Task.FromResult(new ReviewInbox(suggestions, entities));
    }

    public Task<ReviewEntity?> EntityAsync(string entityType, string entityId, CancellationToken cancellationToken = default)
    {
        var entity = SafeGet(entityType, entityId);
        if (entity is null)
        {
            return Task.FromResult<ReviewEntity?>(null);
        }

        var suggestions = vault.Suggestions().Where(s => s.EntityType == entityType && s.EntityId == entityId).Select(ToReview).ToList();
        return Task.FromResult<ReviewEntity?>(ReviewModels.Entity(entity.State, entity.Payload, entity.ServerVersion, name => vault.CanUndoAccept(entityType, entityId, name), suggestions));
    }

    /// <summary>From the embeddings the vault holds (<c>realign embed</c> makes them); no model is loaded for a page.</summary>
    public Task<IReadOnlyList<ReviewRelated>> RelatedAsync(string entityType, string entityId, int top, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReviewRelated>>(new Realign.Vault.Search.VaultSearch(vault).Related(entityType, entityId, top)
            .Select(r => new ReviewRelated(r.Hit.SourceType, r.Hit.SourceId, r.Title, r.Hit.Vector?.Hit.Score ?? 0)).ToList());

    public Task<IReadOnlyList<ReviewEntitySummary>> EntitiesAsync(string? entityType, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReviewEntitySummary>>(vault.List(entityType).Select(Summary).ToList());

    public Task AcceptAsync(string proposalId, string? editedValueJson, CancellationToken cancellationToken = default) => Run(() => vault.Accept(proposalId, editedValueJson));

    public Task RejectAsync(string proposalId, CancellationToken cancellationToken = default) => Run(() => vault.Reject(proposalId));

    public Task PromoteAsync(string entityType, string entityId, IReadOnlyList<KeyValuePair<string, string>> edits, CancellationToken cancellationToken = default) =>
        Run(() => vault.Promote(entityType, entityId, edits));

    public Task UndoAsync(string entityType, string entityId, string field, CancellationToken cancellationToken = default) => Run(() => vault.UndoAccept(entityType, entityId, field));

    public Task<IReadOnlyList<ReviewConflict>> ConflictsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ReviewConflict>>(vault.Conflicts().Select(c => new ReviewConflict(
            c.ConflictId ?? "", c.EntityType ?? "", c.EntityId ?? "", c.Field ?? "", Side(c.Winner), Side(c.Loser))).ToList());

    /// <summary>Conflicts are settled on the server (it saw both writes), so this needs it reachable; the vault then syncs.</summary>
    public async Task ResolveAsync(string conflictId, string? keep, string? mergedText, CancellationToken cancellationToken = default)
    {
        var conflict = vault.Conflicts().FirstOrDefault(c => c.ConflictId == conflictId)
            ?? throw new ReviewRefusedException($"no open conflict '{conflictId}' (as of the last sync)");
        var request = new Realign.Core.Contract.ResolveRequest { ConflictId = conflictId };
        if (keep is not null)
        {
            request.Keep = keep;
        }
        else
        {
            request.Value = vault.SealForResolve(conflict.EntityType!, conflict.EntityId!, conflict.Field!, mergedText ?? "");
        }

        try
        {
            using var http = transport();
            var client = Vault.VaultSession.Client(vault, http);
            await client.ResolveAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is VaultException or HttpRequestException)
        {
            throw new ReviewRefusedException("conflicts are settled on the server, which did not answer: " + ex.Message, ex);
        }
    }

    /// <summary>The vault's own records, and the server's sync and security events when it answers within a few seconds
    /// (the page says so when it does not).</summary>
    public async Task<ReviewLogs> LogsAsync(CancellationToken cancellationToken = default)
    {
        var usage = vault.List("ai-usage").Select(Summary).OrderByDescending(u => u.Fields.GetValueOrDefault("at"), StringComparer.Ordinal).Take(200).ToList();
        var automations = vault.List("automation").Select(Summary).ToList();
        var refused = vault.SetAside().Select(x => ($"{x.EntityType}/{x.EntityId}", x.Code ?? "", x.Message ?? "")).ToList();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(EventsTimeout);
            using var http = transport();
            var events = new List<(string Log, string Kind, string At, string Detail)>();
            foreach (var security in new[] { true, false })
            {
                foreach (var e in await http.GetNewestEventsAsync(security, 100, timeout.Token))
                {
                    var subject = e.EntityType is null ? "" : $"{e.EntityType}/{e.EntityId} ";
                    events.Add((security ? "security" : "sync", e.Kind, e.At, subject + (e.PrincipalId is null ? "" : $"by {e.PrincipalId} ") + Realign.Core.Contract.JsonValues.ToCompact(e.Detail)));
                }
            }

            return new ReviewLogs(usage, automations, refused, events.OrderByDescending(e => e.At, StringComparer.Ordinal).ToList());
        }
        catch (Exception ex) when (ex is VaultException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ReviewLogs(usage, automations, refused, [], "The server did not answer, so its sync and security events are not shown (the rest of this page is the vault's own).");
        }
    }

    private static readonly TimeSpan EventsTimeout = TimeSpan.FromSeconds(5);

    public Task DiscardAsync(string entityType, string entityId, CancellationToken cancellationToken = default) => Run(() => vault.Discard(entityType, entityId));

    private static Task Run(Func<long> action)
    {
        try
        {
            action();
            return Task.CompletedTask;
        }
        catch (VaultException ex)
        {
            throw new ReviewRefusedException(ex.Message, ex);
        }
    }

    private ReviewSide Side(Realign.Core.Contract.RegisterDto? side)
    {
        var json = side?.Value is { } v ? Realign.Core.Contract.JsonValues.ToCompact(v) : null;
        var mine = Realign.Core.Truth.UtcMicros.TryParse(side?.At, out var at) && vault.IsMine(at);
        return new ReviewSide(ReviewModels.Visible(json), side?.Source ?? "", side?.At, mine);
    }

    private VaultEntity? SafeGet(string type, string id) =>
        ItemAdmission.IsValidType(type) && ItemAdmission.IsValidId(id) ? vault.Get(type, id) : null;

    private ReviewSuggestion ToReview(Suggestion s)
    {
        var title = SafeGet(s.EntityType, s.EntityId) is { } e ? ReviewModels.Text(e.Payload, "title") : null;
        return new ReviewSuggestion(s.Id, s.EntityType, s.EntityId, title, s.Field, ReviewModels.Visible(s.CurrentJson), ReviewModels.Visible(s.ProposedJson), s.Level, s.Source, s.AtMicros);
    }

    private static ReviewEntitySummary Summary(VaultEntity e) => ReviewModels.Summary(e.State, e.Payload, e.ServerVersion);
}
