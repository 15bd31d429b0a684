namespace Realign.Web.Review;

/// <summary>A review UI host that can name the notes and tasks closest in meaning to one, from the tenant's embeddings (the
/// entity page lists them). Stale embeddings (their source changed after them) never answer.</summary>
public interface IRelatedSource
{
    /// <summary>Up to <paramref name="top"/> related entities, closest first; empty when the entity has no current embedding.</summary>
    Task<IReadOnlyList<ReviewRelated>> RelatedAsync(string entityType, string entityId, int top, CancellationToken cancellationToken = default);
}

/// <summary>One related entity.</summary>
/// <param name="EntityType">The type.</param>
/// <param name="EntityId">The id.</param>
/// <param name="Title">Its title, or null when the host cannot read it (a local-first tenant's on the server).</param>
/// <param name="Similarity">Cosine similarity of the closest pieces, -1 to 1.</param>
public sealed record ReviewRelated(string EntityType, string EntityId, string? Title, double Similarity);
