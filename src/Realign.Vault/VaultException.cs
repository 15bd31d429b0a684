namespace Realign.Vault;

/// <summary>A failure the user can act on, with a message fit to print as one line.</summary>
public class VaultException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VaultException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public VaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public VaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
