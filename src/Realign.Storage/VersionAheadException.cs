namespace Realign.Storage;

/// <summary>A pushed item claimed an entity <c>version</c> ahead of the one the server holds: it cannot have been edited
/// from it. The whole batch is refused and nothing is stored.</summary>
public sealed class VersionAheadException : Exception
{
    /// <summary>Creates the exception for the item at <paramref name="index"/>.</summary>
    public VersionAheadException(int index, long claimed, long current)
        : base($"item {index} says it was edited from version {claimed}, but the server holds version {current} of that entity; pull, then edit from the current version")
    {
        Index = index;
        Claimed = claimed;
        Current = current;
    }

    /// <summary>Creates the exception.</summary>
    public VersionAheadException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VersionAheadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public VersionAheadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The index of the item in its batch.</summary>
    public int Index { get; }

    /// <summary>The version the item claimed.</summary>
    public long Claimed { get; }

    /// <summary>The version the server holds (0 when it holds none).</summary>
    public long Current { get; }
}
