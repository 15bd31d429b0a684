namespace Realign.Assist.Jobs;

/// <summary>How a job ended, as its usage record says.</summary>
public static class AssistOutcome
{
    /// <summary>The job ran and its outputs (possibly none) are ready to write.</summary>
    public const string Ok = "ok";

    /// <summary>The tenant's exposure policy gives this level nothing to read; no model was called.</summary>
    public const string NotExposed = "not-exposed";

    /// <summary>The source holds encrypted values this host cannot read; no model was called.</summary>
    public const string Encrypted = "encrypted";

    /// <summary>The provider did not answer in time.</summary>
    public const string Timeout = "timeout";

    /// <summary>The provider failed (HTTP error, connection refused).</summary>
    public const string ProviderError = "provider-error";

    /// <summary>The answer could not be used (empty, or not the JSON asked for).</summary>
    public const string MalformedAnswer = "malformed-answer";

    /// <summary>The job was asked wrongly (an <c>ask</c> without a prompt).</summary>
    public const string InvalidRequest = "invalid-request";
}
