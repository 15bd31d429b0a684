namespace Realign.Testing;

public sealed record TenantUnderTest(string Id, IReadOnlyDictionary<string, string> Tokens, IReadOnlyDictionary<string, string> PrincipalIds)
{
    public string Owner => Tokens["owner"];
}
