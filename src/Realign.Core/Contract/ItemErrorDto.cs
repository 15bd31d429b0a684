namespace Realign.Core.Contract;

/// <summary>Why one item of a refused batch was refused.</summary>
public sealed class ItemErrorDto
{
    /// <summary>The item's index in the batch (-1 for the batch itself).</summary>
    public int Index { get; set; }

    /// <summary>Stable refusal code, as in <see cref="Rules.RefusalCodes"/>.</summary>
    public string? Code { get; set; }

    /// <summary>The offending field's JSON name.</summary>
    public string? Field { get; set; }

    /// <summary>A precise human-readable reason.</summary>
    public string? Message { get; set; }
}
