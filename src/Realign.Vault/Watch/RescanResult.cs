namespace Realign.Vault.Watch;

/// <summary>What a rescan of the folder changed in the vault.</summary>
public sealed record RescanResult(int Created, int Edited, int Renamed, int Deleted)
{
    /// <summary>True when nothing changed.</summary>
    public bool IsEmpty => Created + Edited + Renamed + Deleted == 0;
}
