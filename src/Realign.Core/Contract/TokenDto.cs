namespace Realign.Core.Contract;

/// <summary>A principal in the admin API; <see cref="Token"/> only in the response that created it.</summary>
/// <param name="TenantId">Its tenant.</param>
/// <param name="PrincipalId">Its id.</param>
/// <param name="Kind">user_device, automation, ai_local, ai_lan or ai_cloud.</param>
/// <param name="Channel">A user device's channel, an IoT token's iot-DEVICE, or null.</param>
/// <param name="CanAccept">True when the token has the accept right.</param>
/// <param name="Revoked">True when the token was revoked.</param>
/// <param name="Label">Its name.</param>
/// <param name="Token">The plain token, in the creating response only.</param>
/// <param name="CreatedAt">When the token was made (ISO-8601, UTC).</param>
/// <param name="LastSyncAt">When it last pushed or pulled, to the minute, or null.</param>
public sealed record TokenDto(string TenantId, string PrincipalId, string Kind, string? Channel, bool CanAccept, bool Revoked, string? Label, string? Token, string? CreatedAt = null, string? LastSyncAt = null);
