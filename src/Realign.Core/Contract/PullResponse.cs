namespace Realign.Core.Contract;

/// <summary>A page of <c>GET /sync/pull</c>: entity heads changed after the cursor, in cursor order.</summary>
public sealed class PullResponse
{
    /// <summary>Entity heads with all their registers and pending proposals.</summary>
    public List<SyncItem> Items { get; set; } = [];

    /// <summary>Pass as <c>since</c> for the next page.</summary>
    public long NextCursor { get; set; }

    /// <summary>True when more changes wait past <see cref="NextCursor"/>.</summary>
    public bool HasMore { get; set; }
}
