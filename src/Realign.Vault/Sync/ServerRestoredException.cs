namespace Realign.Vault.Sync;

/// <summary>The server answered 409 <c>cursor-ahead</c>: this vault's pull cursor is one the server never handed out, so
/// the server was put back to an older point since the vault last pulled.</summary>
public sealed class ServerRestoredException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServerRestoredException()
        : base("the server was restored to an older point (the vault's cursor is ahead of it)")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ServerRestoredException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ServerRestoredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
