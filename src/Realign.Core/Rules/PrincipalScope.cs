using Realign.Core.Truth;

namespace Realign.Core.Rules;

/// <summary>What a token may claim: its tenant, levels, origin prefixes and whether it may accept proposals.</summary>
/// <remarks>An origin is in scope when it equals a prefix that has no trailing colon, or starts with one that has.</remarks>
public sealed record PrincipalScope(
    string TenantId,
    string PrincipalId,
    PrincipalKind Kind,
    IReadOnlyList<TruthLevel> Levels,
    IReadOnlyList<string> OriginPrefixes,
    bool CanAccept,
    string? UserChannel)
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

    /// <summary>
    /// The default scope of a principal kind. A user device writes level 1 on its own channel and levels 2-5 for the
    /// automations and assistants its vault runs; a voice channel writes level 2 until confirmed. Machines get only
    /// their own level and prefix and never the accept right.
    /// </summary>
    public static PrincipalScope For(string tenantId, string principalId, PrincipalKind kind, string? channel = null, bool canAccept = false)
    {
        switch (kind)
        {
            case PrincipalKind.UserDevice:
                if (channel is null || !Channels.Contains(channel))
                {
                    throw new ArgumentException($"a user device needs a channel: one of {string.Join(", ", Channels)}", nameof(channel));
                }

                return channel == "voice"
                    ? new(tenantId, principalId, kind, [TruthLevel.Automation], ["automation:voice"], false, null)
                    : new(tenantId, principalId, kind, DeviceLevels, [$"user:{channel}", .. AssistantPrefixes], canAccept, channel);
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
