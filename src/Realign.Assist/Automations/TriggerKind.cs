namespace Realign.Assist.Automations;

/// <summary>What starts a rule.</summary>
public enum TriggerKind
{
    /// <summary>An entity was created (first written since the last pass).</summary>
    Created,

    /// <summary>An existing entity was changed.</summary>
    Updated,

    /// <summary>Created or updated.</summary>
    Changed,

    /// <summary>A cron schedule.</summary>
    Schedule,
}
