namespace Realign.Storage;

/// <summary>A batch written under a <see cref="RunnerFence"/> whose owner no longer holds the tenant's automation runner
/// lease (another server took it, or it expired); nothing of the batch was stored.</summary>
public sealed class RunnerLeaseLostException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunnerLeaseLostException()
        : base("the automation runner lease of this tenant is no longer held by this server; nothing was written")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RunnerLeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public RunnerLeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
