namespace Realign.EndToEnd.Tests.Security;

/// <summary>An endpoint of the app the sweeps leave out on purpose, and why.</summary>
public sealed record ExemptEndpoint(string Method, string Pattern, string Reason)
{
    public string Key => EndpointSweep.Key(Method, Pattern);
}
