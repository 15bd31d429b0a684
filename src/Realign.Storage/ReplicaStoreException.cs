namespace Realign.Storage;

/// <summary>A request the store cannot carry out, with a stable code (<c>not-found</c>, <c>invalid-request</c>, <c>forbidden</c>).</summary>
public sealed class ReplicaStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplicaStoreException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception with the default code.</summary>
    public ReplicaStoreException()
        : this("invalid-request", "invalid request")
    {
    }

    /// <summary>Creates the exception with the default code.</summary>
    public ReplicaStoreException(string message)
        : this("invalid-request", message)
    {
    }

    /// <summary>Creates the exception with the default code.</summary>
    public ReplicaStoreException(string message, Exception innerException)
        : base(message, innerException) => Code = "invalid-request";

    /// <summary>The stable code.</summary>
    public string Code { get; } = "invalid-request";
}
