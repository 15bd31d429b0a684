namespace Realign.Web.Review;

/// <summary>What the review UI reads and does, over one replica: the vault (decrypted content, writes as
/// <c>user:desktop</c>) or the server (a signed-in user's tenant, writes as <c>user:web</c>).</summary>
/// <remarks>Every action is one of Core's resolution rules, planned by the host exactly as its CLI or API plans it.
/// Refusals are <see cref="ReviewRefusedException"/>s with a message for the person.</remarks>
public interface IReviewSource
{
    /// <summary>Who is reviewing, where, and what they may do.</summary>
    ReviewContext Context { get; }

    /// <summary>Pending suggestions and suggested entities.</summary>
    Task<ReviewInbox> InboxAsync(CancellationToken cancellationToken = default);

    /// <summary>One entity with every field's author, or null.</summary>
    Task<ReviewEntity?> EntityAsync(string entityType, string entityId, CancellationToken cancellationToken = default);

    /// <summary>Live entities, optionally of one type, by type and id.</summary>
    Task<IReadOnlyList<ReviewEntitySummary>> EntitiesAsync(string? entityType, CancellationToken cancellationToken = default);

    /// <summary>Accepts a suggestion (with an edited value, JSON, when given): it becomes the user's.</summary>
    Task AcceptAsync(string proposalId, string? editedValueJson, CancellationToken cancellationToken = default);

    /// <summary>Rejects a suggestion.</summary>
    Task RejectAsync(string proposalId, CancellationToken cancellationToken = default);

    /// <summary>Promotes a suggested entity, with edits (field to JSON value).</summary>
    Task PromoteAsync(string entityType, string entityId, IReadOnlyList<KeyValuePair<string, string>> edits, CancellationToken cancellationToken = default);

    /// <summary>Undoes an accept: the field's value before it, written again as the user.</summary>
    Task UndoAsync(string entityType, string entityId, string field, CancellationToken cancellationToken = default);

    /// <summary>Open conflicts between the user's own writes.</summary>
    Task<IReadOnlyList<ReviewConflict>> ConflictsAsync(CancellationToken cancellationToken = default);

    /// <summary>Settles a conflict: <paramref name="keep"/> <c>winner</c> or <c>loser</c>, or a merged value typed by the person.</summary>
    Task ResolveAsync(string conflictId, string? keep, string? mergedText, CancellationToken cancellationToken = default);

    /// <summary>Assistant calls, automations, refused changes and events.</summary>
    Task<ReviewLogs> LogsAsync(CancellationToken cancellationToken = default);

    /// <summary>Discards a suggested entity.</summary>
    Task DiscardAsync(string entityType, string entityId, CancellationToken cancellationToken = default);
}
