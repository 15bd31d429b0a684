using Microsoft.Data.Sqlite;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Vault.Sync;

namespace Realign.Vault.Tests;

public sealed class VaultModeTests
{
    [Theory]
    [InlineData("local-first-v2")]
    [InlineData("LOCAL_FIRST")]
    [InlineData("")]
    public void UnknownModeBug_AModeNameTheVaultDoesNotKnow_IsAnError(string mode)
    {
        var ex = Assert.Throws<FormatException>(() => VaultModes.Parse(mode, "the vault settings"));
        Assert.Contains("vault mode", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownModeBug_SettingsWithAModeOutsideTheClosedSet_AreAnError()
    {
        var ex = Assert.Throws<VaultException>(() => new VaultSettings("t1", "desktop", (VaultMode)7));
        Assert.Contains("vault mode", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("local_first", VaultMode.LocalFirst)]
    [InlineData("local-first", VaultMode.LocalFirst)]
    [InlineData("cloud_first", VaultMode.CloudFirst)]
    public void KnownModeNames_ParseToTheirMode_AndPrintBack(string text, VaultMode expected)
    {
        Assert.Equal(expected, VaultModes.Parse(text, "test"));
        Assert.Equal(text.Replace('-', '_'), expected.ToWire());
    }

    [Theory]
    [InlineData("local-first-v2")]
    [InlineData(null)]
    public void UnknownModeBug_VaultDbWithAnUnknownOrMissingMode_DoesNotOpenAsCloudFirst(string? mode)
    {
        using var dir = new TempDir();
        var path = dir.Sub("v");
        LocalVault.Create(path, new VaultSettings("t1", "desktop", VaultMode.LocalFirst)).Dispose();
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
