using Realign.Core.Truth;

namespace Realign.Core.Rules;

/// <summary>What a token may claim: its tenant, levels, origin prefixes and whether it may accept proposals, and what of it
/// needs a confirmation (TOTP or PIN) sent with the request.</summary>
/// <remarks>An origin is in scope when it equals a prefix that has no trailing colon, or starts with one that has.</remarks>
/// <param name="TenantId">The token's tenant.</param>
/// <param name="PrincipalId">The token's principal.</param>
/// <param name="Kind">The principal's kind.</param>
/// <param name="Levels">Levels it writes as it is.</param>
/// <param name="OriginPrefixes">Origins it may claim, at any of its levels.</param>
/// <param name="CanAccept">True when it may accept (upgrade) proposals.</param>
/// <param name="UserChannel">The channel an accepted write is stamped with (<c>user:CHANNEL</c>); null for machines.</param>
/// <param name="ConfirmLevels">Levels it writes only with a confirmation in the same request.</param>
/// <param name="AcceptNeedsConfirmation">True when an accept needs a confirmation in the same request.</param>
public sealed record PrincipalScope(
    string TenantId,
    string PrincipalId,
    PrincipalKind Kind,
    IReadOnlyList<TruthLevel> Levels,
    IReadOnlyList<string> OriginPrefixes,
    bool CanAccept,
    string? UserChannel,
    IReadOnlyList<TruthLevel>? ConfirmLevels = null,
    bool AcceptNeedsConfirmation = false)
{
    /// <summary>User channels a device token may name.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["desktop", "web", "mobile", "cli", "voice"];

    /// <summary>The levels a user device may write: its own (1) and, for the automations and assistants its vault runs, 2-5.</summary>
    /// <remarks>A vault that calls a LAN or cloud model writes the outputs at that model's level, so a device claims lower
    /// authority than its own, never higher.</remarks>
    public static IReadOnlyList<TruthLevel> DeviceLevels { get; } = [TruthLevel.User, TruthLevel.Automation, TruthLevel.AiLocal, TruthLevel.AiLan, TruthLevel.AiCloud];

    /// <summary>The origin prefixes of the automations and assistants a user device's vault runs.</summary>
    public static IReadOnlyList<string> AssistantPrefixes { get; } = ["automation:", "ai-local:", "ai-lan:", "ai-cloud:"];

    /// <summary>The origin an accepted (upgraded) write is stamped with.</summary>
    public string? UserOrigin => UserChannel is null ? null : $"user:{UserChannel}";

    /// <summary>Levels that need a confirmation (none when <see cref="ConfirmLevels"/> is null).</summary>
    public IReadOnlyList<TruthLevel> NeedsConfirmation => ConfirmLevels ?? [];

    /// <summary>True when something this token may do needs a confirmation.</summary>
    public bool HasConfirmation => NeedsConfirmation.Count > 0 || AcceptNeedsConfirmation;

    /// <summary>The scope of the same token in a request that carried a valid confirmation: the confirmed levels and the
    /// accept are granted as they are.</summary>
    public PrincipalScope Confirmed() => this with { Levels = [.. Levels, .. NeedsConfirmation], ConfirmLevels = [], AcceptNeedsConfirmation = false };

    /// <summary>
    /// The scope of a principal under its tenant's channel policy (<see cref="ChannelPolicy.Default"/> when null). A user device
    /// writes its channel's levels (level 1 as <c>user:CHANNEL</c>, level 2-5 for the automations and assistants its vault
    /// runs; a voice device's level 2 is <c>automation:voice</c>); an IoT token (<see cref="PrincipalKind.Automation"/> with
    /// channel <c>iot-DEVICE</c>) writes as <c>automation:iot-DEVICE</c>, and level 1 as <c>user:iot-DEVICE</c>. Other
    /// machines get only their own level and prefix and never the accept right.
    /// </summary>
    public static PrincipalScope For(string tenantId, string principalId, PrincipalKind kind, string? channel = null, bool canAccept = false, ChannelPolicy? channels = null)
    {
        switch (kind)
        {
            case PrincipalKind.UserDevice:
                if (channel is null || !Channels.Contains(channel))
                {
                    throw new ArgumentException($"a user device needs a channel: one of {string.Join(", ", Channels)}", nameof(channel));
                }

                return Channel(tenantId, principalId, kind, channel, channel, canAccept, channels ?? ChannelPolicy.Default);
            case PrincipalKind.Automation when channel is not null:
                if (!channel.StartsWith(ChannelPolicy.IotPrefix, StringComparison.Ordinal) || !ChannelPolicy.IsValidIotDevice(channel[ChannelPolicy.IotPrefix.Length..]))
                {
                    throw new ArgumentException("an automation's only channel is iot-DEVICE (DEVICE: 1-48 characters of a-z, 0-9 and -)", nameof(channel));
                }

                if (canAccept)
                {
                    throw new ArgumentException("only a user device may accept proposals", nameof(canAccept));
                }

                return Channel(tenantId, principalId, kind, ChannelPolicy.Iot, channel, false, channels ?? ChannelPolicy.Default);
            case PrincipalKind.Automation:
                return Machine(tenantId, principalId, kind, TruthLevel.Automation, canAccept);
            case PrincipalKind.AiLocal:
                return Machine(tenantId, principalId, kind, TruthLevel.AiLocal, canAccept);
            case PrincipalKind.AiLan:
                return Machine(tenantId, principalId, kind, TruthLevel.AiLan, canAccept);
            case PrincipalKind.AiCloud:
                return Machine(tenantId, principalId, kind, TruthLevel.AiCloud, canAccept);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown principal kind");
        }
    }

    private static PrincipalScope Channel(string tenantId, string principalId, PrincipalKind kind, string policyChannel, string name, bool canAccept, ChannelPolicy channels)
    {
        var rule = channels[policyChannel];

        // A voice or IoT device is its own automation at level 2; a desktop, web, mobile or cli device's vault runs any
        // automation and assistant. Levels 3-5 are the assistants' prefixes for every channel the policy lets write them.
        var ownAutomation = policyChannel is "voice" || kind == PrincipalKind.Automation;
        var prefixes = new List<string>();
        foreach (var level in TruthLevels.All.Where(l => rule.Reachable.Contains(l)))
        {
            prefixes.Add(level switch
            {
                TruthLevel.User => $"user:{name}",
                TruthLevel.Automation => ownAutomation ? $"automation:{name}" : "automation:",
                _ => level.Prefix() + ":",
            });
        }

        var accept = canAccept && rule.Accept != AcceptMode.Deny;
        return new(tenantId, principalId, kind, [.. rule.Levels], prefixes, accept, kind == PrincipalKind.UserDevice ? name : null,
            [.. rule.ConfirmLevels], accept && rule.Accept == AcceptMode.Confirm);
    }

    private static PrincipalScope Machine(string tenantId, string principalId, PrincipalKind kind, TruthLevel level, bool canAccept) =>
        canAccept
            ? throw new ArgumentException("only a user device may accept proposals", nameof(canAccept))
            : new(tenantId, principalId, kind, [level], [level.Prefix() + ":"], false, null);

    /// <summary>True when the scope covers <paramref name="origin"/>.</summary>
    public bool AllowsOrigin(string origin)
    {
        foreach (var prefix in OriginPrefixes)
        {
            if (prefix.EndsWith(':') ? origin.StartsWith(prefix, StringComparison.Ordinal) : origin == prefix)
            {
                return true;
            }
        }

        return false;
    }
}
