using Realign.Core.Contract;
using Realign.Core.Rules;

namespace Realign.Storage;

/// <summary>The principal a token stands for, with its tenant.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="TenantName">The tenant's name.</param>
/// <param name="Mode">The tenant's vault mode.</param>
/// <param name="PrincipalId">The principal.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Channel">A user device's channel, an IoT token's <c>iot-DEVICE</c>, or null.</param>
/// <param name="CanAccept">True when the token has the accept right.</param>
/// <param name="Revoked">True when the token was revoked.</param>
/// <param name="Label">Its name.</param>
/// <param name="CreatedAt">When the token was made (UTC microseconds).</param>
/// <param name="LastSyncAt">When it last pushed or pulled (UTC microseconds, to the minute), or null.</param>
public sealed record PrincipalInfo(
    string TenantId,
    string TenantName,
    VaultMode Mode,
    string PrincipalId,
    PrincipalKind Kind,
    string? Channel,
    bool CanAccept,
    bool Revoked,
    string? Label,
    long CreatedAt = 0,
    long? LastSyncAt = null)
{
    /// <summary>The write scope the token grants under the tenant's channel policy (the defaults when null): levels,
    /// origin prefixes, accept right, and what of them needs a confirmation.</summary>
    public PrincipalScope Scope(ChannelPolicy? channels = null) => PrincipalScope.For(TenantId, PrincipalId, Kind, Channel, CanAccept, channels);

    /// <summary>True for a token that speaks for the tenant's owner: a user device with the accept right on a channel the
    /// policy lets accept as it is and write level 1 as it is (by default desktop, web, mobile and cli). Only the owner
    /// changes policies, enrols confirmations and manages devices.</summary>
    public bool IsOwner(ChannelPolicy channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (Kind != PrincipalKind.UserDevice || !CanAccept || Channel is null)
        {
            return false;
        }

        var rule = channels[Channel];
        return rule.Accept == AcceptMode.Allow && rule.Levels.Contains(Core.Truth.TruthLevel.User);
    }
}
