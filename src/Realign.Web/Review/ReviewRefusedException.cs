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

    /// <summary>Creates the exception with its message and the HTTP status the action answers with.</summary>
    public ReviewRefusedException(string message, int statusCode)
        : base(message) => StatusCode = statusCode;

    /// <summary>400 (the default: the page shows the message), 403 (this principal may not) or 404 (no such thing here,
    /// which is also what another tenant's id gets).</summary>
    public int StatusCode { get; } = 400;
}
