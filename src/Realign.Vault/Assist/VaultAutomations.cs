using Realign.Assist.Automations;
using Realign.Core.Merge;

namespace Realign.Vault.Assist;

/// <summary>A local-first vault's automations: each pass hands the engine the entities saved since the last pass (local
/// writes and pulled changes), runs the rules they trigger and the schedules that are due, and moves the vault's cursor.</summary>
/// <remarks>
/// <para>The cursor is the time of the newest save a pass has seen, with the saves the pass made itself, which the next
/// pass skips (it followed them already). It starts when the first rule is added (<see cref="StartCursor"/>), so rules
/// apply to what changes from then on, not to every note already in the vault; run a rule on an older entity with
/// <c>realign automation run RULE --entity ENTITY</c>.</para>
/// <para>Two vaults of one tenant may both run a rule: created entities have ids derived from the rule and the source,
/// and the other actions write the same values, so both runs meet in the same entities.</para>
/// </remarks>
public sealed class VaultAutomations(LocalVault vault, AutomationOptions? options = null)
{
    private readonly ChangeCursor _cursor = new(vault, "automation_cursor");

    /// <summary>The engine over this vault.</summary>
    public AutomationEngine Engine { get; } = new(new VaultAssistReplica(vault), options);

    /// <summary>Starts the cursor at the vault's newest save, if it has none yet.</summary>
    public void StartCursor() => _cursor.Start();

    /// <summary>One pass: the rules the vault's changes trigger, and the due schedules when <paramref name="schedules"/>.</summary>
    public async Task<AutomationPass> RunPassAsync(bool schedules = true, CancellationToken cancellationToken = default)
    {
        var (page, after, highWater) = _cursor.Read();
        var changes = page
            .Where(p => !p.Entity.IsDeleted)
            .Select(p => new EntityChange(VaultAssistReplica.Source(p.Entity), IsCreatedAfter(p.Entity.State, after), EntityChange.LatestOrigin(p.Entity.State)))
            .ToList();
        var pass = await Engine.RunPassAsync(changes, schedules, cancellationToken).ConfigureAwait(false);
        _cursor.Advance(highWater, pass.Written);
        return pass;
    }

    /// <summary>True when the entity's first write came after <paramref name="afterMicros"/>. The provenance chain folds writes
    /// in a row by one source into one step (its time the newest), so only a first step of one write dates the creation; an
    /// entity written more than once since the last pass counts as updated.</summary>
    public static bool IsCreatedAfter(EntityState state, long afterMicros)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.OriginChain.Count > 0 && state.OriginChain[0] is { Count: 1 } first && first.AtMicros > afterMicros;
    }
}
