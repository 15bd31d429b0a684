using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Core.Truth;

namespace Realign.Storage.Internal;

/// <summary>The stored form of a channel policy (<c>tenant_settings.value</c> named <c>channels</c>): every channel's rule
/// as on the wire, <c>{"voice":{"levels":[2],"confirm_levels":[1],"accept":"confirm"},...}</c>.</summary>
internal static class ChannelValues
{
    public const string Setting = "channels";

    public static string ToJson(ChannelPolicy policy) =>
        JsonSerializer.Serialize(policy.ToDto(null).Channels!, RealignJsonContext.Default.DictionaryStringChannelRuleDto);

    /// <summary>The policy stored, or the defaults for null; a value that does not parse is a <see cref="FormatException"/>
    /// (a store written by a newer release, or edited by hand), never a guess.</summary>
    public static ChannelPolicy FromJson(string? json)
    {
        if (json is null)
        {
            return ChannelPolicy.Default;
        }

        try
        {
            var rules = JsonSerializer.Deserialize(json, RealignJsonContext.Default.DictionaryStringChannelRuleDto) ?? throw new FormatException("tenant_settings.channels is null");
            var parsed = new Dictionary<string, ChannelRule>(StringComparer.Ordinal);
            foreach (var (name, dto) in rules)
            {
                if (!ChannelPolicy.TryParseAccept(dto.Accept, out var accept) || dto.Levels is null || dto.ConfirmLevels is null)
                {
                    throw new FormatException($"tenant_settings.channels.{name} is not a channel rule");
                }

                parsed[name] = new ChannelRule([.. dto.Levels.Select(l => TruthLevels.FromNumber(l))], [.. dto.ConfirmLevels.Select(l => TruthLevels.FromNumber(l))], accept);
            }

            return new ChannelPolicy(parsed);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new FormatException("tenant_settings.channels does not parse: " + ex.Message, ex);
        }
    }
}
