namespace Realign.Assist.Hosting;

/// <summary>A write of an assistant or automation that the truth rules refuse (a protected field, the key record).</summary>
public sealed class AssistWriteRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AssistWriteRefusedException()
    {
    }

    /// <summary>Creates the exception with the rule's message.</summary>
    public AssistWriteRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the rule's message and its cause.</summary>
    public AssistWriteRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
