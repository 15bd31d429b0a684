using Realign.Core.Merge;

namespace Realign.Core.Rules;

/// <summary>The verdict on one item: a <see cref="Merge.Write"/> to merge, or the reasons it is refused.</summary>
public sealed record Admission(Write? Write, IReadOnlyList<Refusal> Refusals)
{
    /// <summary>True when the item may be merged.</summary>
    public bool Admitted => Write is not null;
}
