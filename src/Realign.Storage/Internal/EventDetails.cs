using System.Text.Json.Nodes;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Storage.Internal;

/// <summary>The JSON detail objects of the sync_events and security_events rows the store writes itself.</summary>
internal static class EventDetails
{
    public static string Discarded(int index, Write write) => new JsonObject
    {
        ["index"] = index,
        ["reason"] = "the write lost to the entity's current registers and changed nothing visible",
        ["level"] = (int)write.Stamp.Level,
        ["origin_source"] = write.Stamp.Origin,
        ["at"] = UtcMicros.Format(write.Stamp.AtMicros),
        ["fields"] = new JsonArray(write.Fields.Select(f => (JsonNode?)JsonValue.Create(f.Key)).ToArray()),
    }.ToJsonString();

    public static string Conflict(ConflictRecord conflict) => new JsonObject
    {
        ["conflict_id"] = conflict.Id,
        ["field"] = conflict.Field,
        ["winner_source"] = conflict.Winner.Stamp.Origin,
        ["winner_at"] = UtcMicros.Format(conflict.Winner.Stamp.AtMicros),
        ["loser_source"] = conflict.Loser.Stamp.Origin,
        ["loser_at"] = UtcMicros.Format(conflict.Loser.Stamp.AtMicros),
        ["base_version"] = conflict.BaseVersion,
        ["changed_at_version"] = conflict.ChangedAtVersion,
    }.ToJsonString();

    /// <summary>An <c>exposure-changed</c> security event: who, the old policy (and whether it was the defaults), the new one,
    /// and the levels that changed (empty when the same policy was set again).</summary>
    public static string ExposureChanged(TenantExposure old, ExposurePolicy updated, string actor) => new JsonObject
    {
        ["setting"] = "exposure",
        ["by"] = actor,
        ["old"] = ExposureValues.ToNode(old.Policy),
        ["old_was_default"] = old.UpdatedAtMicros is null,
        ["new"] = ExposureValues.ToNode(updated),
        ["changed"] = new JsonArray(old.Policy.Differences(updated).Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
    }.ToJsonString();

    public static string ChannelsChanged(TenantChannels old, Realign.Core.Rules.ChannelPolicy updated, string actor) => new JsonObject
    {
        ["setting"] = ChannelValues.Setting,
        ["by"] = actor,
        ["old"] = JsonNode.Parse(ChannelValues.ToJson(old.Policy)),
        ["old_was_default"] = old.UpdatedAt is null,
        ["new"] = JsonNode.Parse(ChannelValues.ToJson(updated)),
        ["changed"] = new JsonArray(updated.ChangedFrom(old.Policy).Select(f => (JsonNode?)JsonValue.Create(f)).ToArray()),
    }.ToJsonString();
}
