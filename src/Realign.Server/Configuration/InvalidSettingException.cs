namespace Realign.Server.Configuration;

/// <summary>A setting that cannot be used, with one line that names it and where it came from.</summary>
public sealed class InvalidSettingException : Exception
{
    /// <summary>A setting that cannot be used.</summary>
    public InvalidSettingException(string setting, string source, string message)
        : base(message)
    {
        Setting = setting;
        Origin = source;
    }

    /// <summary>Not used: give the setting and its source.</summary>
    public InvalidSettingException() : this("", "", "invalid setting")
    {
    }

    /// <summary>Not used: give the setting and its source.</summary>
    public InvalidSettingException(string message) : this("", "", message)
    {
    }

    /// <summary>Not used: give the setting and its source.</summary>
    public InvalidSettingException(string message, Exception innerException) : base(message, innerException)
    {
        Setting = "";
        Origin = "";
    }

    /// <summary>The setting's key, e.g. <c>RateLimit</c>.</summary>
    public string Setting { get; }

    /// <summary>Where its value came from, e.g. <c>REALIGN_RATE_LIMIT</c>, <c>--rate-limit</c> or a file's path.</summary>
    public string Origin { get; }
}
