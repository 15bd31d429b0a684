using Realign.Core.Contract;

namespace Realign.Vault.Tests;

/// <summary>A vault made by an earlier release (checked in under Fixtures/) opens with this code, nothing lost.</summary>
public sealed class FixtureVaultTests
{
    private static string CopyOfFixture(TempDir dir)
    {
        var source = Path.Combine(AppContext.BaseDirectory, "Fixtures", "vault-before-issue-12");
        var target = dir.Sub("vault");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }

        return target;
    }

    [Fact]
    public void VaultBeforeIssue12_OpenedByThisCode_KeepsEveryEntityTheOutboxTheSuggestionAndTheKey()
    {
        using var dir = new TempDir();
        using var vault = LocalVault.Open(CopyOfFixture(dir));

        Assert.Equal("ok", vault.IntegrityCheck());
        Assert.True(vault.IsUnlocked);
        Assert.True(vault.HasKeyRecord);
        Assert.Equal(VaultMode.LocalFirst, vault.Settings.Mode);
        Assert.Equal("Trip", vault.Get("note", "n1")!.Text("title"));
        Assert.Equal("A trip to pack for", vault.Get("note", "n1")!.Text("summary"));
        Assert.Equal("milk\nbread\neggs\n", vault.Get("note", "n2")!.Text("body"));
        Assert.Equal("2026-12-24", vault.Get("task", "t1")!.Text("due"));
        Assert.True(vault.Get("note", "big")!.IsDeleted);
        var suggestion = Assert.Single(vault.Suggestions());
        Assert.Equal(("n1", "title", "\"Trip (suggested)\""), (suggestion.EntityId, suggestion.Field, suggestion.ProposedJson));
        var status = vault.Status();
        Assert.Equal(2, status.OutboxCount);
        Assert.Equal(1, status.SetAsideCount);
        Assert.Equal(5, status.Checkpoint);
        Assert.Equal("payload-too-large", Assert.Single(vault.SetAside()).Code);
    }

    [Fact]
    public async Task VaultBeforeIssue12_SyncedByThisCode_PushesItsOutboxAndAcceptsTheSuggestion()
    {
        using var dir = new TempDir();
        var path = CopyOfFixture(dir);
        using var vault = LocalVault.Open(path);
        var server = new InMemoryServer("t1", "local_first");
        var client = new Realign.Vault.Sync.SyncClient(vault, server.Transport(server.AddToken(Realign.Core.Rules.PrincipalKind.UserDevice, "desktop", canAccept: true)));
        vault.Accept(vault.Suggestions()[0].Id);
        var summary = await client.SyncAsync();
        Assert.Equal(3, summary.Pushed);
        Assert.Equal(0, vault.Status().OutboxCount);
        Assert.Equal("Trip (suggested)", vault.Get("note", "n1")!.Text("title"));
    }
}
