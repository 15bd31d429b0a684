namespace Realign.Assist.Automations;

/// <summary>One run of a rule.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="EntityType">The entity that triggered it (null for a schedule).</param>
/// <param name="EntityId">The entity's id.</param>
/// <param name="Outcome"><c>ok</c>, <c>refused: ...</c> (the truth rules refused a write; nothing was written) or
/// <c>failed: ...</c> (an assistant job failed; the rule's own writes stand).</param>
/// <param name="Depth">0 for a change a person or another device made; 1 and more in a chain of rules.</param>
/// <param name="Written">The entities it wrote (its own record on the rule aside).</param>
public sealed record RuleRun(string RuleId, string? EntityType, string? EntityId, string Outcome, int Depth, IReadOnlyList<(string EntityType, string EntityId)> Written)
{
    /// <summary>True for the outcome <c>ok</c>.</summary>
    public bool Succeeded => Outcome == "ok";
}
