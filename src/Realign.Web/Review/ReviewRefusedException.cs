namespace Realign.Web.Review;

/// <summary>An action the rules refuse, with a message for the person.</summary>
public sealed class ReviewRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReviewRefusedException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public ReviewRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public ReviewRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
