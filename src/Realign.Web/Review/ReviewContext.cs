namespace Realign.Web.Review;

/// <summary>Who reviews, where, and what they may do.</summary>
/// <param name="Host"><c>vault</c> or <c>server</c>.</param>
/// <param name="TenantName">The tenant's name.</param>
/// <param name="UserOrigin">The origin the person's decisions are written as (<c>user:desktop</c>, <c>user:web</c>).</param>
/// <param name="CanAccept">True when this principal may accept suggestions (it may always view them).</param>
/// <param name="LocalFirst">True for a local-first tenant.</param>
/// <param name="ConfirmDecisions">True when every decision needs a confirmation (TOTP code or PIN) under the tenant's channel policy.</param>
public sealed record ReviewContext(string Host, string TenantName, string UserOrigin, bool CanAccept, bool LocalFirst, bool ConfirmDecisions = false);
