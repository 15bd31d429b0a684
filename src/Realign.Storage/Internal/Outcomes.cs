using Realign.Core.Merge;

namespace Realign.Storage.Internal;

internal static class Outcomes
{
    public static string ToWire(ItemOutcome outcome) => outcome switch
    {
        ItemOutcome.Applied => "applied",
        ItemOutcome.Proposal => "proposal",
        ItemOutcome.Conflict => "conflict",
        ItemOutcome.Discarded => "discarded",
        _ => "duplicate",
    };
}
