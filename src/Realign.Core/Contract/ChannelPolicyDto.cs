using System.Text.Json.Serialization;

namespace Realign.Core.Contract;

/// <summary>The channel policy on the wire: the reply of <c>GET /sync/policy/channels</c> and the body of its <c>PUT</c>.</summary>
/// <remarks>In a reply every channel is named. In a <c>PUT</c> body a channel left out keeps its rule, a field left out of a
/// channel's rule keeps its value, and <see cref="UpdatedAt"/> is the server's (sending one is refused).</remarks>
/// <param name="Channels">The rule of each channel, by name: desktop, web, mobile, cli, voice and iot.</param>
/// <param name="UpdatedAt">When the policy was last set (ISO-8601, UTC, microseconds); null while the tenant has the
/// defaults. Written even when null.</param>
public sealed record ChannelPolicyDto(
    Dictionary<string, ChannelRuleDto>? Channels,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? UpdatedAt = null);

/// <summary>One channel's rule on the wire.</summary>
/// <param name="Levels">The levels (1-5) it writes as it is.</param>
/// <param name="ConfirmLevels">The levels it writes only with a confirmation in the same request.</param>
/// <param name="Accept">Whether it accepts suggestions: <c>allow</c>, <c>confirm</c> (with a confirmation) or <c>deny</c>.</param>
public sealed record ChannelRuleDto(List<int>? Levels, List<int>? ConfirmLevels, string? Accept);
