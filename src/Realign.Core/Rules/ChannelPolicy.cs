using Realign.Core.Truth;

namespace Realign.Core.Rules;

/// <summary>A tenant's channel policy: per channel (<see cref="Names"/>), which levels it writes, which only with a
/// confirmation, and whether it accepts suggestions. Tokens keep their own limits (a token without the accept right never
/// accepts); the policy narrows or widens what each channel's tokens reach within them.</summary>
/// <remarks>The defaults (<see cref="Default"/>): desktop, web, mobile and cli write level 1 (and levels 2-5 for the
/// automations and assistants their vaults run) and accept; voice and iot write level 2, so what they say about user data
/// arrives as a proposal, and reach level 1 (voice: accept too) only with a confirmation.</remarks>
public sealed class ChannelPolicy
{
    /// <summary>The channels a policy speaks of: the five user channels and <c>iot</c> (every <c>automation:iot-*</c> token).</summary>
    public static IReadOnlyList<string> Names { get; } = ["desktop", "web", "mobile", "cli", "voice", "iot"];

    /// <summary>The channel of IoT tokens.</summary>
    public const string Iot = "iot";

    /// <summary>The prefix of an IoT token's device channel (<c>iot-kitchen</c>), and of its level-2 origin after <c>automation:</c>.</summary>
    public const string IotPrefix = "iot-";

    private static readonly ChannelRule Trusted = new([TruthLevel.User, TruthLevel.Automation, TruthLevel.AiLocal, TruthLevel.AiLan, TruthLevel.AiCloud], [], AcceptMode.Allow);

    /// <summary>The policy of a tenant that never set one.</summary>
    public static ChannelPolicy Default { get; } = new(new Dictionary<string, ChannelRule>(StringComparer.Ordinal)
    {
        ["desktop"] = Trusted,
        ["web"] = Trusted,
        ["mobile"] = Trusted,
        ["cli"] = Trusted,
        ["voice"] = new([TruthLevel.Automation], [TruthLevel.User], AcceptMode.Confirm),
        [Iot] = new([TruthLevel.Automation], [TruthLevel.User], AcceptMode.Deny),
    });

    private readonly Dictionary<string, ChannelRule> _rules;

    /// <summary>A policy of the given rules; a channel left out has its default rule.</summary>
    public ChannelPolicy(IReadOnlyDictionary<string, ChannelRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = new Dictionary<string, ChannelRule>(StringComparer.Ordinal);
        foreach (var name in Names)
        {
            _rules[name] = rules.TryGetValue(name, out var rule) ? rule : Default?._rules[name] ?? throw new ArgumentException($"no rule for channel '{name}'", nameof(rules));
        }

        foreach (var (name, rule) in rules)
        {
            if (!Names.Contains(name))
            {
                throw new ArgumentException($"unknown channel '{name}'; the channels are {string.Join(", ", Names)}", nameof(rules));
            }

            if (Validate(name, rule) is { } error)
            {
                throw new ArgumentException(error, nameof(rules));
            }
        }
    }

    /// <summary>The rule of a channel (one of <see cref="Names"/>).</summary>
    public ChannelRule this[string channel] => _rules.TryGetValue(channel, out var rule) ? rule : throw new ArgumentOutOfRangeException(nameof(channel), channel, "not a channel");

    /// <summary>Every channel's rule, in the order of <see cref="Names"/>.</summary>
    public IEnumerable<(string Channel, ChannelRule Rule)> Rules => Names.Select(n => (n, _rules[n]));

    /// <summary>This policy with some channels' rules replaced.</summary>
    public ChannelPolicy With(IReadOnlyDictionary<string, ChannelRule> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var merged = new Dictionary<string, ChannelRule>(_rules, StringComparer.Ordinal);
        foreach (var (name, rule) in changes)
        {
            merged[name] = rule;
        }

        return new ChannelPolicy(merged);
    }

    /// <summary>The channels whose rule differs between two policies.</summary>
    public IReadOnlyList<string> ChangedFrom(ChannelPolicy other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Names.Where(n => !_rules[n].SameAs(other._rules[n])).ToList();
    }

    /// <summary>Why a rule is not a valid rule of <paramref name="channel"/>, or null when it is.</summary>
    public static string? Validate(string channel, ChannelRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Levels.Distinct().Count() != rule.Levels.Count || rule.ConfirmLevels.Distinct().Count() != rule.ConfirmLevels.Count)
        {
            return $"channels.{channel}: a level is listed twice";
        }

        foreach (var level in rule.Levels)
        {
            if (rule.ConfirmLevels.Contains(level))
            {
                return $"channels.{channel}: level {(int)level} is both in levels and in confirm_levels; a level is written either as it is or with a confirmation";
            }
        }

        if (channel == Iot && rule.Accept != AcceptMode.Deny)
        {
            return $"channels.{Iot}.accept must be deny: an IoT token is an automation's and never accepts suggestions";
        }

        return null;
    }

    /// <summary>The channel a principal's tokens answer to: a user device's own channel, <c>iot</c> for an
    /// <c>automation:iot-*</c> token, and null for machines (automation runners and AI services keep their fixed scope).</summary>
    public static string? ChannelOf(PrincipalKind kind, string? channel) => kind switch
    {
        PrincipalKind.UserDevice => channel,
        PrincipalKind.Automation when channel is not null && channel.StartsWith(IotPrefix, StringComparison.Ordinal) => Iot,
        _ => null,
    };

    /// <summary>True when <paramref name="device"/> is a valid IoT device name (the part after <c>iot-</c>): 1-48 characters of
    /// a-z, 0-9 and -, starting with a letter or digit.</summary>
    public static bool IsValidIotDevice(string? device) =>
        device is { Length: >= 1 and <= 48 } && IsLowerOrDigit(device[0]) && device.All(c => IsLowerOrDigit(c) || c == '-');

    private static bool IsLowerOrDigit(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);

    /// <summary>Wire name of an accept mode.</summary>
    public static string ToWire(AcceptMode mode) => mode switch
    {
        AcceptMode.Allow => "allow",
        AcceptMode.Confirm => "confirm",
        AcceptMode.Deny => "deny",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown accept mode"),
    };

    /// <summary>Parses <c>allow</c>, <c>confirm</c> or <c>deny</c>.</summary>
    public static bool TryParseAccept(string? text, out AcceptMode mode)
    {
        (var ok, mode) = text switch
        {
            "allow" => (true, AcceptMode.Allow),
            "confirm" => (true, AcceptMode.Confirm),
            "deny" => (true, AcceptMode.Deny),
            _ => (false, AcceptMode.Deny),
        };
        return ok;
    }
}
