namespace Realign.Core.Contract;

/// <summary>What the server did with one pushed item.</summary>
public sealed class ItemResultDto
{
    /// <summary>The item's index in the batch.</summary>
    public int Index { get; set; }

    /// <summary>The entity type.</summary>
    public string? EntityType { get; set; }

    /// <summary>The entity id.</summary>
    public string? EntityId { get; set; }

    /// <summary>applied, proposal, conflict, discarded or duplicate.</summary>
    public Merge.ItemOutcome Outcome { get; set; }

    /// <summary>The entity's version after the item.</summary>
    public long Version { get; set; }

    /// <summary>Proposals this item created.</summary>
    public List<string>? ProposalIds { get; set; }

    /// <summary>Conflicts this item caused.</summary>
    public List<string>? ConflictIds { get; set; }
}
