using System.Text.Json.Nodes;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Storage.Internal;

/// <summary>The JSON detail objects of the sync_events rows the store writes itself.</summary>
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
}
