namespace Realign.Vault.Sync;

/// <summary>What one sync did.</summary>
/// <param name="Pushed">Items the server stored (or had stored: replays count).</param>
/// <param name="SetAside">Items the server refused, now in the set-aside list.</param>
/// <param name="Pulled">Entity heads received.</param>
/// <param name="Changed">Local entities the pull changed.</param>
/// <param name="Conflicts">Pushed items that caused a user-versus-user conflict.</param>
/// <param name="Proposals">Pushed items that became proposals.</param>
/// <param name="Resynced">True when the server demanded a full resync.</param>
/// <param name="Cursor">The checkpoint after the sync.</param>
/// <param name="OpenConflicts">Open conflicts on the server after the sync, or -1 when not fetched.</param>
public sealed record SyncSummary(int Pushed, int SetAside, int Pulled, int Changed, int Conflicts, int Proposals, bool Resynced, long Cursor, int OpenConflicts)
{
    /// <summary>True when the vault's checksum matched the server's at the same cursor (after a rebuild if one was needed),
    /// false when it still differs, null when not compared (disabled, changes queued, the server moved on, or no checksum endpoint).</summary>
    public bool? ChecksumMatched { get; init; }

    /// <summary>True when a checksum mismatch made the vault rebuild its replica from the server.</summary>
    public bool Rebuilt { get; init; }

    /// <summary>The server had been put back to an older point (a new epoch, or a cursor ahead of it): this vault queued
    /// its acknowledged changes again, pushed them, and pulled from 0.</summary>
    public bool ServerRestored { get; init; }

    /// <summary>How many acknowledged changes were queued again after a restore of the server.</summary>
    public int Requeued { get; init; }
}
