using Realign.Core.Rules;
using Realign.Core.Truth;

namespace Realign.Core.Contract;

/// <summary>The wire form of <see cref="ChannelPolicy"/> (<see cref="ChannelPolicyDto"/>), and the reading of a change.</summary>
public static class ChannelPolicies
{
    /// <summary>The wire form of a policy, with when it was last set (null for the defaults).</summary>
    public static ChannelPolicyDto ToDto(this ChannelPolicy policy, long? updatedAtMicros)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var channels = new Dictionary<string, ChannelRuleDto>(StringComparer.Ordinal);
        foreach (var (name, rule) in policy.Rules)
        {
            channels[name] = ToDto(rule);
        }

        return new ChannelPolicyDto(channels, updatedAtMicros is { } at ? UtcMicros.Format(at) : null);
    }

    /// <summary>The wire form of one rule.</summary>
    public static ChannelRuleDto ToDto(ChannelRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new ChannelRuleDto([.. rule.Levels.Order().Select(l => (int)l)], [.. rule.ConfirmLevels.Order().Select(l => (int)l)], ChannelPolicy.ToWire(rule.Accept));
    }

    /// <summary>Applies a body to <paramref name="current"/>: each channel it names must be a channel, each level 1-5, the
    /// accept mode one of allow, confirm and deny, and the resulting rule valid. On failure <paramref name="errors"/> holds one
    /// (field, message) pair per wrong field and <paramref name="updated"/> is <paramref name="current"/>.</summary>
    /// <remarks>A body that names no channel, or that sets <c>updated_at</c> (the server's), is refused too.</remarks>
    public static bool TryApply(ChannelPolicy current, ChannelPolicyDto body, out ChannelPolicy updated, out IReadOnlyList<(string Field, string Message)> errors)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(body);
        var found = new List<(string Field, string Message)>();
        var changes = new Dictionary<string, ChannelRule>(StringComparer.Ordinal);
        if (body.UpdatedAt is not null)
        {
            found.Add(("updated_at", "updated_at is set by the server; send only channels"));
        }

        if (body.Channels is not { Count: > 0 } channels)
        {
            found.Add(("channels", $"the body names no channel; give channels with at least one of {string.Join(", ", ChannelPolicy.Names)}"));
        }
        else
        {
            foreach (var (name, dto) in channels)
            {
                var field = "channels." + name;
                if (!ChannelPolicy.Names.Contains(name))
                {
                    found.Add((field, $"'{name}' is not a channel; the channels are {string.Join(", ", ChannelPolicy.Names)}"));
                    continue;
                }

                if (dto is null)
                {
                    found.Add((field, "a channel's rule is an object with levels, confirm_levels and accept"));
                    continue;
                }

                var old = current[name];
                var levels = Levels(dto.Levels, field + ".levels", found) ?? old.Levels;
                var confirm = Levels(dto.ConfirmLevels, field + ".confirm_levels", found) ?? old.ConfirmLevels;
                var accept = old.Accept;
                if (dto.Accept is not null && !ChannelPolicy.TryParseAccept(dto.Accept, out accept))
                {
                    found.Add((field + ".accept", $"accept '{dto.Accept}' is not allow, confirm or deny"));
                    continue;
                }

                var rule = new ChannelRule(levels, confirm, accept);
                if (ChannelPolicy.Validate(name, rule) is { } error)
                {
                    found.Add((field, error));
                    continue;
                }

                changes[name] = rule;
            }
        }

        errors = found;
        updated = found.Count == 0 ? current.With(changes) : current;
        return found.Count == 0;
    }

    /// <summary>Parses a typed list of levels (<c>1,2</c>, <c>1 2</c>; empty for none); null when a part is not a level 1-5.</summary>
    public static List<int>? ParseLevelList(string? text)
    {
        var levels = new List<int>();
        foreach (var part in (text ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || !TruthLevels.IsDefined(n))
            {
                return null;
            }

            levels.Add(n);
        }

        return levels;
    }

    private static List<TruthLevel>? Levels(List<int>? numbers, string field, List<(string Field, string Message)> errors)
    {
        if (numbers is null)
        {
            return null;
        }

        var levels = new List<TruthLevel>();
        foreach (var n in numbers)
        {
            if (!TruthLevels.IsDefined(n))
            {
                errors.Add((field, $"level {n} is not a level; use 1 (user) to 5 (ai-cloud)"));
                return null;
            }

            levels.Add((TruthLevel)n);
        }

        return levels;
    }
}
