namespace Realign.Core.Rules;

/// <summary>How a conflict is settled: keep the winner, keep the loser, or write a merged value.</summary>
/// <param name="Resolution"><c>winner</c>, <c>loser</c> or <c>value</c>, as the conflict record stores it.</param>
/// <param name="Value">The compact JSON value the user's write carries.</param>
public sealed record ConflictChoice(string Resolution, string Value);
