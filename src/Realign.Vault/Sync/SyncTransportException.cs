namespace Realign.Vault.Sync;

/// <summary>The server could not be reached or answered with an error retries did not cure; the message says which.</summary>
public sealed class SyncTransportException : VaultException
{
    /// <summary>Creates the exception.</summary>
    public SyncTransportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SyncTransportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SyncTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status, when there was one.</summary>
    public int? Status { get; init; }

    /// <summary>The problem code, when there was one.</summary>
    public string? Code { get; init; }
}
