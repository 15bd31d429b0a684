namespace Realign.Assist.Providers;

/// <summary>A provider whose configuration cannot be trusted; the message is one line that names the provider.</summary>
public sealed class ProviderConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProviderConfigurationException()
        : this("invalid provider configuration")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProviderConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
