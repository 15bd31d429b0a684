namespace Realign.Server.Api;

/// <summary>Problem codes of the API beyond the item refusal codes of <see cref="Realign.Core.Rules.RefusalCodes"/>.</summary>
/// <remarks>Each is the last segment of the problem <c>type</c> (<c>/problems/CODE</c>) and the <c>code</c> extension.</remarks>
public static class ProblemCodes
{
    /// <summary>401: missing, unknown or revoked token.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>403: the token may not do this.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>404: no such conflict, proposal, entity or tenant (in the token's tenant).</summary>
    public const string NotFound = "not-found";

    /// <summary>409: the resource is in another state (already resolved, name taken).</summary>
    public const string Conflict = "conflict";

    /// <summary>409: a push reuses a batch id with a different body, or another principal's batch id; nothing was stored.</summary>
    public const string BatchIdReused = "batch-id-reused";

    /// <summary>409: a pushed item's <c>version</c> is ahead of the entity version the server holds; nothing was stored.</summary>
    public const string VersionAhead = "version-ahead";

    /// <summary>400: a malformed query or body field outside the item rules.</summary>
    public const string InvalidRequest = "invalid-request";

    /// <summary>410: the cursor is older than the tombstone purge horizon; pull again from 0.</summary>
    public const string ResyncRequired = "resync-required";

    /// <summary>A pull cursor ahead of the tenant's latest change: the store was restored to an older point.</summary>
    public const string CursorAhead = "cursor-ahead";

    /// <summary>429: too many requests for this token; see Retry-After.</summary>
    public const string RateLimited = "rate-limited";

    /// <summary>500: a server fault (never caused by input; details are in the server log only).</summary>
    public const string Internal = "internal";

    /// <summary>403: the action needs a confirmation (TOTP code or PIN) under the tenant's channel policy and none was sent.</summary>
    public const string ConfirmationRequired = Realign.Core.Rules.RefusalCodes.ConfirmationRequired;

    /// <summary>403: the confirmation sent is wrong, or a TOTP code already used.</summary>
    public const string ConfirmationFailed = "confirmation-failed";

    /// <summary>429: confirmations are locked after repeated failures; Retry-After says for how long.</summary>
    public const string ConfirmationLocked = "confirmation-locked";

    /// <summary>403: the confirmation names a factor the tenant's user has not enrolled.</summary>
    public const string ConfirmationNotEnrolled = "confirmation-not-enrolled";

    /// <summary>503: the server has no secrets key, so it cannot enrol or check confirmations.</summary>
    public const string ConfirmationUnavailable = "confirmation-unavailable";
}
