namespace Realign.Core.Contract;

/// <summary>The body of <c>GET /sync/wait</c>.</summary>
/// <param name="Cursor">The tenant's change sequence when the wait ended.</param>
/// <param name="Changed">True when <paramref name="Cursor"/> is past the <c>since</c> the client gave: pull from <c>since</c>.</param>
public sealed record WaitResponse(long Cursor, bool Changed);
