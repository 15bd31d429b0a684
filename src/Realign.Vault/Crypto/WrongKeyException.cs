namespace Realign.Vault.Crypto;

/// <summary>The passphrase or key file does not open this tenant's key check; nothing was changed.</summary>
public sealed class WrongKeyException : VaultException
{
    /// <summary>Creates the exception.</summary>
    public WrongKeyException()
        : base("wrong passphrase or key file: it does not open this tenant's key check; nothing was changed")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public WrongKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public WrongKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
