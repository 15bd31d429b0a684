namespace Realign.Core.Rules;

/// <summary>Who answers a proposal or settles a conflict, and when.</summary>
/// <param name="UserOrigin">The user origin the level-1 write carries (<c>user:desktop</c>, <c>user:web</c>, ...).</param>
/// <param name="CanAccept">True when this principal may accept proposals (the accept right of its token).</param>
/// <param name="AtMicros">The replica's time for the write; the rule moves it past the field's registers when needed.</param>
public sealed record Resolver(string UserOrigin, bool CanAccept, long AtMicros);
