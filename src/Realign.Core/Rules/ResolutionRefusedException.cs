namespace Realign.Core.Rules;

/// <summary>A resolution the rules refuse: <see cref="Code"/> is stable (<c>invalid-request</c>, <c>forbidden</c>,
/// <c>protected-entity</c>), the message says why in one line.</summary>
public sealed class ResolutionRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ResolutionRefusedException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Creates the exception with the default code.</summary>
    public ResolutionRefusedException()
        : this(Resolutions.InvalidRequest, "invalid resolution")
    {
    }

    /// <summary>Creates the exception with the default code.</summary>
    public ResolutionRefusedException(string message)
        : this(Resolutions.InvalidRequest, message)
    {
    }

    /// <summary>Creates the exception with the default code and an inner exception.</summary>
    public ResolutionRefusedException(string message, Exception innerException)
        : base(message, innerException) => Code = Resolutions.InvalidRequest;

    /// <summary>The stable code of the refusal.</summary>
    public string Code { get; }

    /// <summary>True when the refusal is one of authority (a security event) rather than of form.</summary>
    public bool IsSecurity => Code is Resolutions.Forbidden or RefusalCodes.ProtectedEntity;
}
