using Microsoft.Data.Sqlite;
using Realign.Core.Rules;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class VaultModeTests
{
    [Theory]
    [InlineData("local-first-v2")]
    [InlineData("LOCAL_FIRST")]
    [InlineData("")]
    public void UnknownModeBug_SettingsWithAModeTheVaultDoesNotKnow_AreAnError(string mode)
    {
        var ex = Assert.Throws<VaultException>(() => new VaultSettings("t1", "desktop", mode));
        Assert.Contains("vault mode", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local-first-v2")]
    [InlineData(null)]
    public void UnknownModeBug_VaultDbWithAnUnknownOrMissingMode_DoesNotOpenAsCloudFirst(string? mode)
    {
        using var dir = new TempDir();
        var path = dir.Sub("v");
        LocalVault.Create(path, new VaultSettings("t1", "desktop", VaultModes.LocalFirst)).Dispose();
        using (var db = new SqliteConnection($"Data Source={Path.Combine(path, "vault.db")};Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = mode is null ? "DELETE FROM meta WHERE key = 'vault_mode'" : "UPDATE meta SET value = $m WHERE key = 'vault_mode'";
            cmd.Parameters.AddWithValue("$m", mode ?? "");
            cmd.ExecuteNonQuery();
        }

        var ex = Assert.Throws<VaultException>(() => LocalVault.Open(path));
        Assert.Contains("vault mode", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModeBug_ServerNamingAnUnknownMode_VaultInitIsRefused()
    {
        var model = new InMemoryServer("t1", "local-first-v2");
        await using var server = await LoopbackServer.StartAsync(model);
        using var transport = new HttpSyncTransport(server.Address, model.AddToken(PrincipalKind.UserDevice, "desktop", true), firstDelay: TimeSpan.FromMilliseconds(1));
        var ex = await Assert.ThrowsAsync<SyncTransportException>(() => transport.GetMeAsync(CancellationToken.None));
        Assert.Contains("local-first-v2", ex.Message, StringComparison.Ordinal);
    }
}
