namespace Realign.Core.Contract;

/// <summary>One provenance step on the wire.</summary>
public sealed class ProvenanceDto
{
    /// <summary>The writer's level.</summary>
    public int Level { get; set; }

    /// <summary>The writer's origin.</summary>
    public string? Source { get; set; }

    /// <summary>When (ISO-8601 UTC).</summary>
    public string? At { get; set; }

    /// <summary>A reference, such as the accepted proposal's id.</summary>
    public string? Ref { get; set; }

    /// <summary>Consecutive writes of this source collapsed into this step.</summary>
    public int Count { get; set; } = 1;
}
