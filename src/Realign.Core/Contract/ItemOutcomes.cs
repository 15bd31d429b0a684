using Realign.Core.Merge;

namespace Realign.Core.Contract;

/// <summary>The one parser and printer of <see cref="ItemOutcome"/>: <c>applied</c>, <c>proposal</c>, <c>conflict</c>,
/// <c>discarded</c>, <c>duplicate</c>.</summary>
public static class ItemOutcomes
{
    /// <summary>The wire name of an outcome.</summary>
    public static string ToWire(this ItemOutcome outcome) => outcome switch
    {
        ItemOutcome.Applied => "applied",
        ItemOutcome.Proposal => "proposal",
        ItemOutcome.Conflict => "conflict",
        ItemOutcome.Discarded => "discarded",
        ItemOutcome.Duplicate => "duplicate",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "not an item outcome"),
    };

    /// <summary>Parses a wire name.</summary>
    public static bool TryParse(string? text, out ItemOutcome outcome)
    {
        (var known, outcome) = text switch
        {
            "applied" => (true, ItemOutcome.Applied),
            "proposal" => (true, ItemOutcome.Proposal),
            "conflict" => (true, ItemOutcome.Conflict),
            "discarded" => (true, ItemOutcome.Discarded),
            "duplicate" => (true, ItemOutcome.Duplicate),
            _ => (false, default),
        };
        return known;
    }
}
