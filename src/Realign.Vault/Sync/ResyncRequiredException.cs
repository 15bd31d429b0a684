namespace Realign.Vault.Sync;

/// <summary>The server answered 410 <c>resync-required</c>: the cursor is older than its tombstone horizon.</summary>
public sealed class ResyncRequiredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResyncRequiredException()
        : base("the server needs a full resync (cursor older than its purge horizon)")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ResyncRequiredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ResyncRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
