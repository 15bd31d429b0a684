namespace Realign.Web.Review;

/// <summary>One side of a conflict.</summary>
/// <param name="ValueJson">Its value (JSON), or null when locked.</param>
/// <param name="Origin">The device that wrote it.</param>
/// <param name="At">When (ISO-8601 UTC), as the server recorded it.</param>
/// <param name="Mine">True when this replica wrote it.</param>
public sealed record ReviewSide(string? ValueJson, string Origin, string? At, bool Mine);
