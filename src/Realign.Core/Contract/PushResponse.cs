namespace Realign.Core.Contract;

/// <summary>Result of a push: one entry per item, and the tenant cursor after the batch.</summary>
public sealed class PushResponse
{
    /// <summary>The batch id the results belong to.</summary>
    public string? BatchId { get; set; }

    /// <summary>One result per item, in item order.</summary>
    public List<ItemResultDto> Results { get; set; } = [];

    /// <summary>The tenant's change cursor after this batch committed.</summary>
    public long Cursor { get; set; }

    /// <summary>True when this response replays an earlier commit of the same batch id.</summary>
    public bool Replayed { get; set; }
}
