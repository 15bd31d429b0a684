namespace Realign.Vault.Watch;

/// <summary>What a rescan of the folder changed in the vault.</summary>
/// <param name="Created">Files that became new notes.</param>
/// <param name="Edited">Files whose edits were imported.</param>
/// <param name="Renamed">Files moved or renamed (same note).</param>
/// <param name="Deleted">Vanished files whose notes were deleted.</param>
/// <param name="Held">Why the rescan changed nothing at all (the folder is missing or lost its marker), or null.</param>
public sealed record RescanResult(int Created, int Edited, int Renamed, int Deleted, string? Held = null)
{
    /// <summary>True when nothing changed and nothing was held.</summary>
    public bool IsEmpty => Created + Edited + Renamed + Deleted == 0 && Held is null;

    /// <summary>A rescan that touched nothing because the folder could not be trusted.</summary>
    public static RescanResult Hold(string reason) => new(0, 0, 0, 0, reason);
}
