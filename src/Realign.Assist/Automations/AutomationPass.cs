namespace Realign.Assist.Automations;

/// <summary>What one pass of the engine did.</summary>
/// <param name="Runs">Every rule run, in order.</param>
/// <param name="InvalidRules">Rules that could not be read, with the reason.</param>
/// <param name="Suppressed">Runs not made because a chain of rules reached the depth limit or the pass its run limit.</param>
/// <param name="Written">Every entity the pass wrote, its records on the rules included: the host skips these changes
/// next time, since the pass has already followed them.</param>
public sealed record AutomationPass(IReadOnlyList<RuleRun> Runs, IReadOnlyList<(string RuleId, string Error)> InvalidRules, int Suppressed, IReadOnlySet<(string EntityType, string EntityId)> Written);
