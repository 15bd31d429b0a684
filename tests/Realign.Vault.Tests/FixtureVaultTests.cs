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

    [Fact]
    public void VaultBeforeIssue12_IsUpgradedInPlace_OntoTheSharedEntityLayout_WithServerVersionsKept()
    {
        using var dir = new TempDir();
        var path = CopyOfFixture(dir);
        Assert.Equal(["entity_type", "entity_id", "payload", "field_stamps", "origin_chain", "version", "last_modified_by_level", "deleted", "server_version"], Columns(path, "entities"));

        using (var vault = LocalVault.Open(path))
        {
            Assert.Equal([("note", "big", 0L), ("note", "n1", 2L), ("note", "n2", 1L), ("task", "t1", 1L), ("vault-key", "key", 1L)],
                vault.List(includeDeleted: true).Select(e => (e.EntityType, e.EntityId, e.ServerVersion)).ToList());
            Assert.Equal(2, vault.Get("note", "n1")!.State.Version);
        }

        var columns = Columns(path, "entities");
        Assert.Equal(Realign.Storage.SqliteEntityRows.RequiredColumns.Order(StringComparer.Ordinal), columns.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("entities_v1", Tables(path));
        Assert.Equal(Realign.Vault.Storage.VaultDatabase.ScriptNames(), Journal(path));

        // A second open finds nothing to do and changes nothing.
        var before = File.ReadAllBytes(Path.Combine(path, "vault.db"));
        using (var again = LocalVault.Open(path))
        {
            Assert.Equal(5, again.List(includeDeleted: true).Count);
        }

        Assert.Equal(Realign.Vault.Storage.VaultDatabase.ScriptNames(), Journal(path));
        Assert.Equal(before.Length, File.ReadAllBytes(Path.Combine(path, "vault.db")).Length);
    }

    [Fact]
    public void AnUpgradeThatFails_LeavesTheVaultAsItWas_AndSaysSo()
    {
        using var dir = new TempDir();
        var path = CopyOfFixture(dir);
        Execute(path, "UPDATE entities SET field_stamps = 'not json' WHERE entity_id = 'n2'");

        var ex = Assert.Throws<VaultException>(() => LocalVault.Open(path));
        Assert.Contains("could not be upgraded", ex.Message, StringComparison.Ordinal);
        Assert.Contains("server_version", Columns(path, "entities"));
        Assert.DoesNotContain("entities_v1", Tables(path));
        Assert.Empty(Journal(path));
    }

    [Fact]
    public void AVaultUpgradedByANewerVersion_IsRefused_NotOpenedHalfUnderstood()
    {
        using var dir = new TempDir();
        var path = CopyOfFixture(dir);
        LocalVault.Open(path).Dispose();
        Execute(path, "INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('Realign.Vault.Migrations.V9999_from_the_future.sql', '2030-01-01')");

        var ex = Assert.Throws<VaultException>(() => LocalVault.Open(path));
        Assert.Contains("newer version", ex.Message, StringComparison.Ordinal);
        Assert.Contains("V9999", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANewVault_HasTheSharedLayoutAndEveryScriptJournaled()
    {
        using var dir = new TempDir();
        var path = dir.Sub("new");
        LocalVault.Create(path, new VaultSettings("t1", "desktop")).Dispose();
        Assert.Equal(Realign.Storage.SqliteEntityRows.RequiredColumns.Order(StringComparer.Ordinal), Columns(path, "entities").Order(StringComparer.Ordinal));
        Assert.Equal(Realign.Vault.Storage.VaultDatabase.ScriptNames(), Journal(path));
    }

    private static List<string> Columns(string vault, string table) => Query(vault, $"SELECT name FROM pragma_table_xinfo('{table}') ORDER BY cid");

    private static List<string> Tables(string vault) => Query(vault, "SELECT name FROM sqlite_master WHERE type = 'table'");

    private static List<string> Journal(string vault) =>
        Tables(vault).Contains("SchemaVersions") ? Query(vault, "SELECT ScriptName FROM SchemaVersions ORDER BY SchemaVersionID") : [];

    private static List<string> Query(string vault, string sql) => Run(vault, sql, cmd =>
    {
        using var reader = cmd.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    });

    private static void Execute(string vault, string sql) => Run(vault, sql, cmd => cmd.ExecuteNonQuery());

    private static T Run<T>(string vault, string sql, Func<Microsoft.Data.Sqlite.SqliteCommand, T> use)
    {
        using var db = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(vault, "vault.db")};Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
#pragma warning disable CA2100 // Test statements.
        cmd.CommandText = sql;
#pragma warning restore CA2100
        return use(cmd);
    }
}
