namespace Realign.Core.Contract;

/// <summary>All registers of one field: the stamp of the visible value, the user register and the lower candidates.</summary>
public sealed class FieldStampDto
{
    /// <summary>The class the field merged under: content, system or protected.</summary>
    public string? Class { get; set; }

    /// <summary>Level of the visible value.</summary>
    public int Level { get; set; }

    /// <summary>Time of the visible value.</summary>
    public string? At { get; set; }

    /// <summary>Origin of the visible value.</summary>
    public string? Source { get; set; }

    /// <summary>The lower origin the visible value was accepted from, if any.</summary>
    public string? AcceptedFrom { get; set; }

    /// <summary>The entity version at which the visible value last changed.</summary>
    public long? ChangedAt { get; set; }

    /// <summary>Lower-level candidates other than the visible one (pending proposals among them).</summary>
    public List<RegisterDto>? Others { get; set; }
}
