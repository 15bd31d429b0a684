namespace Realign.Web.Review;

/// <summary>An open conflict between two user writes of one field.</summary>
/// <param name="Id">The conflict's id (<c>c_...</c>).</param>
/// <param name="EntityType">The entity type.</param>
/// <param name="EntityId">The entity id.</param>
/// <param name="Field">The field.</param>
/// <param name="Winner">The value that holds now.</param>
/// <param name="Loser">The value it replaced.</param>
public sealed record ReviewConflict(string Id, string EntityType, string EntityId, string Field, ReviewSide Winner, ReviewSide Loser);
