namespace Realign.EndToEnd.Tests.Hostile;

public sealed record HostileRequest(string Endpoint, HttpMethod Method, string Path, byte[]? Body, string? Token, string? RawAuthorization = null);
