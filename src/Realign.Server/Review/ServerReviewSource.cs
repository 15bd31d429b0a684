using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Rules;
using Realign.Core.Truth;
using Realign.Storage;
using Realign.Web.Review;

namespace Realign.Server.Review;

/// <summary>The review UI over the server's store for one signed-in principal: its tenant only, decisions written as
/// <c>user:web</c> by the store's own resolution rules (the ones <c>/sync/conflict-resolve</c> uses), and for a local-first
/// tenant a view of structure, levels and provenance with every sealed value locked and no decision taken here.</summary>
/// <param name="store">The server's store.</param>
/// <param name="principal">The signed-in principal (a user device token of the tenant).</param>
/// <param name="clock">The server's clock.</param>
/// <param name="channels">The tenant's channel policy: the web channel's rule says whether this UI decides, and with a confirmation or not.</param>
/// <param name="confirmations">Checks the confirmations of decisions and runs the Security page's enrolment.</param>
/// <param name="vectors">The tenants' embeddings, for related notes.</param>
internal sealed partial class ServerReviewSource(IReplicaStore store, PrincipalInfo principal, TimeProvider clock, ChannelPolicy channels, Confirm.ConfirmationService confirmations, Search.TenantVectors vectors)
    : IReviewSource, IConfirmingReviewSource, ISecuritySource, IRelatedSource
{
    /// <summary>The origin the server UI's decisions are written as.</summary>
    public const string WebOrigin = "user:web";

    /// <summary>The most entities a list shows, and the most suggested entities the inbox shows.</summary>
    public const int MaxListed = 1000;

    private const int EventsShown = 100;

    /// <summary>The UI writes on the web channel, so the web channel's rule governs it whatever channel the signed-in token is of:
    /// it decides when the token has the accept right and the rule lets the web accept; it confirms each decision when the
    /// rule says accepts (or level-1 writes) from the web need a confirmation.</summary>
    private readonly PrincipalScope _web = PrincipalScope.For(principal.TenantId, principal.PrincipalId, PrincipalKind.UserDevice, "web", principal.CanAccept, channels);

    public ReviewContext Context => _context ??= new("server", principal.TenantName, WebOrigin, _web.CanAccept && principal.Mode == VaultMode.CloudFirst, principal.Mode == VaultMode.LocalFirst,
        _web.AcceptNeedsConfirmation || _web.NeedsConfirmation.Contains(TruthLevel.User));

    private ReviewContext? _context;

    private string TenantId => principal.TenantId;

    /// <summary>The inbox, read once per request (the layout and the page both ask for it).</summary>
    public Task<ReviewInbox> InboxAsync(CancellationToken cancellationToken = default) => _inbox ??= ReadInboxAsync(cancellationToken);

    private Task<ReviewInbox>? _inbox;

    private async Task<ReviewInbox> ReadInboxAsync(CancellationToken cancellationToken)
    {
        var pending = await store.ListProposalsAsync(TenantId, "pending", cancellationToken).ConfigureAwait(false);
        var suggestions = await SuggestionsAsync(pending, cancellationToken).ConfigureAwait(false);
        var entities = new List<ReviewEntitySummary>();
        await foreach (var change in store.BrowseEntitiesAsync(TenantId, null, belowUserOnly: true, null, MaxListed, cancellationToken).ConfigureAwait(false))
        {
            var (head, state) = Read(change);
            if (Resolutions.IsSuggestedEntity(state))
            {
                entities.Add(Summary(head, state));
            }
        }

        return new ReviewInbox(suggestions, entities);
    }

    public async Task<ReviewEntity?> EntityAsync(string entityType, string entityId, CancellationToken cancellationToken = default)
    {
        if (await HeadAsync(entityType, entityId, cancellationToken).ConfigureAwait(false) is not { } head)
        {
            return null;
        }

        var state = EntityCodec.FromHead(head, TenantId);
        var pending = (await store.ListProposalsAsync(TenantId, "pending", cancellationToken).ConfigureAwait(false))
            .Where(p => p.EntityType == entityType && p.EntityId == entityId).ToList();
        var accepted = await AcceptedOfAsync(entityType, entityId, cancellationToken).ConfigureAwait(false);
        var undoable = state.FieldNames.Where(name => UndoOf(state, name, accepted) is not null).ToHashSet(StringComparer.Ordinal);

        var suggestions = await SuggestionsAsync(pending, cancellationToken).ConfigureAwait(false);
        return ReviewModels.Entity(state, Payload(state), head.Version ?? 0, undoable.Contains, suggestions);
    }

    public async Task<IReadOnlyList<ReviewRelated>> RelatedAsync(string entityType, string entityId, int top, CancellationToken cancellationToken = default)
    {
        var readable = principal.Mode == VaultMode.CloudFirst;
        var hits = await Search.EmbeddingFreshness.RelatedAsync(store, vectors, TenantId, readable, entityType, entityId, top, cancellationToken).ConfigureAwait(false);
        var related = new List<ReviewRelated>(hits.Count);
        foreach (var hit in hits)
        {
            var head = await HeadAsync(hit.SourceType, hit.SourceId, cancellationToken).ConfigureAwait(false);
            var title = readable && head?.Payload is { ValueKind: System.Text.Json.JsonValueKind.Object } p && p.TryGetProperty("title", out var t) && t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null;
            related.Add(new ReviewRelated(hit.SourceType, hit.SourceId, title, hit.Score));
        }

        return related;
    }

    public async Task<IReadOnlyList<ReviewEntitySummary>> EntitiesAsync(string? entityType, CancellationToken cancellationToken = default)
    {
        if (entityType is not null && !ItemAdmission.IsValidType(entityType))
        {
            return [];
        }

        var list = new List<ReviewEntitySummary>();
        await foreach (var change in store.BrowseEntitiesAsync(TenantId, entityType, belowUserOnly: false, null, MaxListed, cancellationToken).ConfigureAwait(false))
        {
            var (head, state) = Read(change);
            list.Add(Summary(head, state));
        }

        return list;
    }

    public Task AcceptAsync(string proposalId, string? editedValueJson, CancellationToken cancellationToken = default) =>
        ResolveAsync(new ResolveRequest { ProposalId = proposalId, Action = "accept", Value = editedValueJson is null ? null : JsonValues.Parse(editedValueJson) }, cancellationToken);

    public Task RejectAsync(string proposalId, CancellationToken cancellationToken = default) =>
        ResolveAsync(new ResolveRequest { ProposalId = proposalId, Action = "reject" }, cancellationToken);

    /// <summary>Promotes with the edits checked as a push checks a payload: field names, and each value within the payload
    /// limit (a form can send any field).</summary>
    public Task PromoteAsync(string entityType, string entityId, IReadOnlyList<KeyValuePair<string, string>> edits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edits);
        foreach (var (name, value) in edits)
        {
            if (!ItemAdmission.IsValidFieldName(name))
            {
                throw new ReviewRefusedException($"'{name}' is not a field name this entity may have");
            }

            if (System.Text.Encoding.UTF8.GetByteCount(value) > MaxEditBytes)
            {
                throw new ReviewRefusedException($"the value of {name} is larger than {MaxEditBytes / 1024} KiB");
            }
        }

        return PlanAsync(entityType, entityId, (state, by) => Resolutions.PromoteEntity(state, edits, by), cancellationToken);
    }

    /// <summary>The largest edited value of a promote, as the server's default payload limit.</summary>
    private const int MaxEditBytes = 256 * 1024;

    public Task DiscardAsync(string entityType, string entityId, CancellationToken cancellationToken = default) =>
        PlanAsync(entityType, entityId, Resolutions.DiscardEntity, cancellationToken);

    /// <summary>Puts back the value the accepted suggestion of the field replaced (kept with the proposal when it was
    /// answered), as a new level-1 write; only while the field still holds that accept, checked inside the write's own
    /// transaction, so a write since (from any device) is never undone.</summary>
    public async Task UndoAsync(string entityType, string entityId, string field, CancellationToken cancellationToken = default)
    {
        await RequireDeciderAsync($"undo the accept of {entityType}/{entityId}.{field}", cancellationToken).ConfigureAwait(false);
        if (await HeadAsync(entityType, entityId, cancellationToken).ConfigureAwait(false) is not { } head)
        {
            throw new ReviewRefusedException($"no {entityType} '{entityId}' here", 404);
        }

        var seen = EntityCodec.FromHead(head, TenantId);
        var accepted = await AcceptedOfAsync(entityType, entityId, cancellationToken).ConfigureAwait(false);
        var proposal = UndoOf(seen, field, accepted) ?? throw new ReviewRefusedException($"the value of {field} is not an accepted suggestion here; nothing to undo");
        var stamp = seen.FindField(field)!.Effective!.Value.Stamp;
        var before = proposal.Current is { } current ? JsonValues.ToCompact(current) : JsonValues.Null;
        await PlanAsync(entityType, entityId, (state, by) => state.FindField(field)?.Effective is { } now && now.Stamp == stamp
            ? Resolutions.RestoreValue(state, field, before, by)
            : throw new ResolutionRefusedException(Resolutions.InvalidRequest, $"{field} was written since the page was shown; nothing was undone"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The accepted proposal whose accept the field's value is, or null: the value is a level-1 register accepted
    /// from that proposal's author, written no earlier than the proposal; of several, the one it equals (an accept without
    /// edits), else the newest. The deleted flag is not undone here.</summary>
    private static ProposalDto? UndoOf(EntityState state, string field, IReadOnlyList<ProposalDto> accepted)
    {
        if (field == EntityState.DeletedField || state.FindField(field)?.Effective is not { AcceptedFrom: { } from } register || register.Stamp.Level != TruthLevel.User)
        {
            return null;
        }

        var candidates = accepted
            .Where(p => p.Field == field && p.Source == from && UtcMicros.TryParse(p.At, out var at) && at <= register.Stamp.AtMicros)
            .OrderBy(p => p.At, StringComparer.Ordinal).ToList();
        return candidates.LastOrDefault(p => p.Value is { } v && JsonValues.ToCompact(v) == register.Value) ?? candidates.LastOrDefault();
    }

    public async Task<IReadOnlyList<ReviewConflict>> ConflictsAsync(CancellationToken cancellationToken = default) =>
        (await store.ListConflictsAsync(TenantId, "open", cancellationToken).ConfigureAwait(false))
            .Select(c => new ReviewConflict(c.ConflictId ?? "", c.EntityType ?? "", c.EntityId ?? "", c.Field ?? "", Side(c.Winner), Side(c.Loser))).ToList();

    public Task ResolveAsync(string conflictId, string? keep, string? mergedText, CancellationToken cancellationToken = default) =>
        ResolveAsync(new ResolveRequest { ConflictId = conflictId, Keep = keep, Value = keep is null ? JsonSerializer.SerializeToElement(mergedText ?? "", RealignJsonContext.Default.String) : null }, cancellationToken);

    public async Task<ReviewLogs> LogsAsync(CancellationToken cancellationToken = default)
    {
        var usage = (await ListAsync("ai-usage", cancellationToken).ConfigureAwait(false))
            .OrderByDescending(u => u.Fields.GetValueOrDefault("at"), StringComparer.Ordinal).Take(200).ToList();
        var automations = await ListAsync("automation", cancellationToken).ConfigureAwait(false);
        var events = new List<(string Log, string Kind, string At, string Detail)>();
        foreach (var (log, name) in new[] { (EventLog.Security, "security"), (EventLog.Sync, "sync") })
        {
            foreach (var e in await store.ListNewestEventsAsync(log, TenantId, EventsShown, cancellationToken).ConfigureAwait(false))
            {
                events.Add((name, e.Kind, UtcMicros.Format(e.AtMicros), Detail(e)));
            }
        }

        return new ReviewLogs(usage, automations, [], events.OrderByDescending(e => e.At, StringComparer.Ordinal).ToList());
    }

    private async Task<List<ReviewEntitySummary>> ListAsync(string entityType, CancellationToken cancellationToken)
    {
        var list = new List<ReviewEntitySummary>();
        await foreach (var change in store.BrowseEntitiesAsync(TenantId, entityType, belowUserOnly: false, null, MaxListed, cancellationToken).ConfigureAwait(false))
        {
            var (head, state) = Read(change);
            list.Add(Summary(head, state));
        }

        return list;
    }

    private static string Detail(EventEntry e)
    {
        var subject = e.EntityType is null ? "" : $"{e.EntityType}/{e.EntityId} ";
        return subject + (e.PrincipalId is null ? "" : $"by {e.PrincipalId} ") + e.DetailJson;
    }

    private async Task ResolveAsync(ResolveRequest request, CancellationToken cancellationToken)
    {
        await RequireDeciderAsync(request.ProposalId is { } p ? $"answer proposal {p}" : $"resolve conflict {request.ConflictId}", cancellationToken).ConfigureAwait(false);
        var now = UtcMicros.From(clock.GetUtcNow());
        await RunAsync(() => store.ResolveAsync(new ResolveCommand(TenantId, principal.PrincipalId, WebOrigin, _web.CanAccept, request, now), cancellationToken)).ConfigureAwait(false);
    }

    private async Task PlanAsync(string entityType, string entityId, Func<EntityState, Resolver, Write> plan, CancellationToken cancellationToken)
    {
        await RequireDeciderAsync($"decide on {entityType}/{entityId}", cancellationToken).ConfigureAwait(false);
        if (!ItemAdmission.IsValidType(entityType) || !ItemAdmission.IsValidId(entityId))
        {
            throw new ReviewRefusedException($"no {entityType} '{entityId}' here", 404);
        }

        var now = UtcMicros.From(clock.GetUtcNow());
        var by = new Resolver(WebOrigin, _web.CanAccept, now);
        await RunAsync(() => store.ApplyPlannedAsync(new PlannedWrite(new EntityKey(TenantId, entityType, entityId), principal.PrincipalId, state => plan(state, by), now), cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Only a principal with the accept right decides, on a web channel the policy lets accept, only where the values
    /// are readable, and with a confirmation when the policy asks for one (checked once for the request's action).</summary>
    private async Task RequireDeciderAsync(string action, CancellationToken cancellationToken)
    {
        if (principal.Mode == VaultMode.LocalFirst)
        {
            throw new ReviewRefusedException("this tenant is local-first: its values are encrypted here, so decide in the review UI of your vault (realign ui)", 403);
        }

        if (!_web.CanAccept)
        {
            throw new ReviewRefusedException(principal.CanAccept
                ? "the tenant's channel policy lets the web channel view suggestions but not decide them"
                : "this token may view suggestions but not decide them: sign in with a token that has the accept right", 403);
        }

        if (Context.ConfirmDecisions)
        {
            await ConfirmOnceAsync("review UI: " + action, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (ReplicaStoreException ex)
        {
            var status = ex.Code switch
            {
                "not-found" => 404,
                "forbidden" or RefusalCodes.ProtectedEntity => 403,
                _ => 400,
            };
            throw status == 400 ? new ReviewRefusedException(ex.Message, ex) : new ReviewRefusedException(ex.Message, status);
        }
    }

    /// <summary>The accepted proposals of an entity; each one's <c>current</c> is the value its accept replaced.</summary>
    private async Task<IReadOnlyList<ProposalDto>> AcceptedOfAsync(string entityType, string entityId, CancellationToken cancellationToken) =>
        (await store.ListProposalsAsync(TenantId, "accepted", cancellationToken).ConfigureAwait(false))
            .Where(p => p.EntityType == entityType && p.EntityId == entityId).ToList();

    private async Task<List<ReviewSuggestion>> SuggestionsAsync(IReadOnlyList<ProposalDto> proposals, CancellationToken cancellationToken)
    {
        var titles = new Dictionary<(string, string), string?>();
        var list = new List<ReviewSuggestion>(proposals.Count);
        foreach (var p in proposals)
        {
            var key = (p.EntityType ?? "", p.EntityId ?? "");
            if (!titles.TryGetValue(key, out var title))
            {
                var head = await HeadAsync(key.Item1, key.Item2, cancellationToken).ConfigureAwait(false);
                title = head is null ? null : ReviewModels.Text(Payload(EntityCodec.FromHead(head, TenantId)), "title");
                titles[key] = title;
            }

            list.Add(new ReviewSuggestion(p.ProposalId ?? "", key.Item1, key.Item2, title, p.Field ?? "", Json(p.Current), Json(p.Value), (TruthLevel)p.Level, p.Source ?? "",
                UtcMicros.TryParse(p.At, out var at) ? at : 0));
        }

        return list;
    }

    private async Task<SyncItem?> HeadAsync(string entityType, string entityId, CancellationToken cancellationToken) =>
        ItemAdmission.IsValidType(entityType) && ItemAdmission.IsValidId(entityId)
            ? await store.GetEntityAsync(new EntityKey(TenantId, entityType, entityId), cancellationToken).ConfigureAwait(false)
            : null;

    private (SyncItem Head, EntityState State) Read(ChangedHead change)
    {
        var head = Automations.ServerAssistReplica.Head(change);
        return (head, EntityCodec.FromHead(head, TenantId));
    }

    private static ReviewEntitySummary Summary(SyncItem head, EntityState state) => ReviewModels.Summary(state, Payload(state), head.Version ?? 0);

    private static Dictionary<string, string> Payload(EntityState state) => state.VisiblePayload().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private static string? Json(JsonElement? value) => ReviewModels.Visible(value is { } v ? JsonValues.ToCompact(v) : null);

    private static ReviewSide Side(RegisterDto? side) => new(Json(side?.Value), side?.Source ?? "", side?.At, Mine: false);
}
