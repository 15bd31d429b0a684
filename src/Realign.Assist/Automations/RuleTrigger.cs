using Cronos;

namespace Realign.Assist.Automations;

/// <summary>When a rule runs: on an entity of <see cref="EntityType"/> created or updated (optionally only with a tag or a
/// field value), or on a cron schedule.</summary>
/// <param name="Kind">The kind of trigger.</param>
/// <param name="EntityType">The entity type watched (entity triggers).</param>
/// <param name="Tag">Only entities with this tag (entity triggers).</param>
/// <param name="Field">Only entities whose <paramref name="Field"/> equals <paramref name="EqualsJson"/> (entity triggers).</param>
/// <param name="EqualsJson">The compact JSON value <paramref name="Field"/> must hold.</param>
/// <param name="Cron">The schedule (schedule triggers).</param>
/// <param name="TimeZone">The time zone of the schedule (UTC unless given).</param>
public sealed record RuleTrigger(TriggerKind Kind, string? EntityType, string? Tag, string? Field, string? EqualsJson, CronExpression? Cron, TimeZoneInfo TimeZone);
