using Realign.Assist.Automations;

namespace Realign.Server.Automations;

/// <summary>What visiting one tenant did: whether this server ran it, and if so what its pass handled.</summary>
/// <param name="Outcome">Whether the pass ran.</param>
/// <param name="Changes">The changes handed to the engine.</param>
/// <param name="Runs">The rule runs of the pass.</param>
/// <param name="More">True when the page of changes was full: another pass follows.</param>
/// <param name="SeenSeq">The newest change sequence the pass saw (its own writes included).</param>
internal sealed record TenantPass(TenantPassOutcome Outcome, int Changes, IReadOnlyList<RuleRun> Runs, bool More, long SeenSeq)
{
    public static TenantPass Not(TenantPassOutcome outcome) => new(outcome, 0, [], false, 0);
}

/// <summary>Whether a visit ran a pass.</summary>
internal enum TenantPassOutcome
{
    /// <summary>The pass ran (it may have found nothing to do).</summary>
    Ran,

    /// <summary>Another server holds the tenant's lease.</summary>
    NotHeld,

    /// <summary>The tenant has no rules left; its runner row was removed.</summary>
    NoRules,

    /// <summary>The tenant is not cloud-first: never run by the server.</summary>
    NotCloudFirst,

    /// <summary>The runner's principal was revoked: the server runs nothing for the tenant.</summary>
    Revoked,

    /// <summary>The lease was lost during the pass; its cursor was not saved.</summary>
    LeaseLost,
}
