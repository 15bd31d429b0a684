namespace Realign.Vault.Tests;

public sealed class LocalWriteRulesTests
{
    [Theory]
    [InlineData("{\"owner_id\\u200b\":\"x\"}")]
    [InlineData("{\"cafe\\u0301\":\"x\"}")]
    [InlineData("{\"title \":\"x\"}")]
    public void LookalikeFieldNameBug_LocalWriteWithAnInvalidName_RefusedBeforeAnythingIsQueued(string payload)
    {
        using var rig = new Rig();
        var (vault, _, _) = rig.NewVault("a");
        Assert.Throws<VaultException>(() => vault.Put("note", "n1", payload));
        Assert.Null(vault.Get("note", "n1"));
        Assert.Equal(0, vault.Status().OutboxCount);
    }
}
