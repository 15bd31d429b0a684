namespace Realign.Core.Rules;

/// <summary>The stable refusal codes: the <c>type</c> of a problem response and the code of each item error.</summary>
public static class RefusalCodes
{
    /// <summary>The item is malformed: a missing id, an unknown level, a malformed origin, a payload that is not an object.</summary>
    public const string InvalidItem = "invalid-item";

    /// <summary>The claimed truth level is outside the token's scope.</summary>
    public const string ForbiddenLevel = "forbidden-level";

    /// <summary>The origin_source is outside the token's scope.</summary>
    public const string ForbiddenOrigin = "forbidden-origin";

    /// <summary>The item names a tenant other than the token's.</summary>
    public const string CrossTenant = "cross-tenant";

    /// <summary>A protected field written below level 1.</summary>
    public const string ProtectedField = "protected-field";

    /// <summary>An entity of a type only level 1 may write (the tenant's key record, <c>vault-key</c>) written below level 1.</summary>
    public const string ProtectedEntity = "protected-entity";

    /// <summary><c>accepted_by_user</c> set by a principal without the accept right.</summary>
    public const string ForgedAcceptance = "forged-acceptance";

    /// <summary><c>last_modified_at</c> too far in the future.</summary>
    public const string TimestampInFuture = "timestamp-in-future";

    /// <summary>The client set a value only the server may set (version, field stamps, proposals).</summary>
    public const string ServerOwnedField = "server-owned-field";

    /// <summary>A payload, an item or a batch over its size limit.</summary>
    public const string PayloadTooLarge = "payload-too-large";

    /// <summary>The request body is not valid JSON of the expected shape.</summary>
    public const string InvalidJson = "invalid-json";

    /// <summary>The write or accept needs a confirmation (TOTP or PIN) under the tenant's channel policy and the request had
    /// none; send it again with one.</summary>
    public const string ConfirmationRequired = "confirmation-required";
}
