namespace Realign.Storage;

/// <summary>The two audit logs of a tenant.</summary>
public enum EventLog
{
    /// <summary>sync_events: conflicts, discarded writes, refused batches of form.</summary>
    Sync,

    /// <summary>security_events: refusals of authority (scope, tenant, forged acceptance, clock).</summary>
    Security,
}
