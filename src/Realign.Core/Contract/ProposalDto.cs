using System.Text.Json;

namespace Realign.Core.Contract;

/// <summary>A pending proposal on the wire.</summary>
public sealed class ProposalDto
{
    /// <summary>Stable id (the same on every replica).</summary>
    public string? ProposalId { get; set; }

    /// <summary>The entity type.</summary>
    public string? EntityType { get; set; }

    /// <summary>The entity id.</summary>
    public string? EntityId { get; set; }

    /// <summary>The field, or <c>_deleted</c> for a proposal to delete the entity.</summary>
    public string? Field { get; set; }

    /// <summary>The proposed value.</summary>
    public JsonElement? Value { get; set; }

    /// <summary>The user value it would replace.</summary>
    public JsonElement? Current { get; set; }

    /// <summary>The proposer's level.</summary>
    public int Level { get; set; }

    /// <summary>The proposer.</summary>
    public string? Source { get; set; }

    /// <summary>When it was proposed.</summary>
    public string? At { get; set; }

    /// <summary>pending, accepted or rejected (lists of past proposals carry the latter two).</summary>
    public string Status { get; set; } = "pending";
}
