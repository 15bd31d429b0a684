namespace Realign.EndToEnd.Tests.Security;

/// <summary>One well-formed request to an endpoint, as its rightful caller would send it (the authorization sweep sends
/// it with every wrong token).</summary>
public sealed record SweepSample(string Name, string Path, string? Body);
