using System.Diagnostics;
using Npgsql;
using Realign.Core.Contract;
using Realign.Core.Rules;
using Realign.Server;
using Realign.Storage;
using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.EndToEnd.Tests.Vault;

/// <summary>The server put back to an older point, as an operator does it (docs/operations.md, "Backup and restore"):
/// <c>realign admin restore</c> of a SQLite backup, or <c>pg_dump -Fc</c>, a new empty database, <c>pg_restore</c> and
/// <c>realign admin restored</c> on PostgreSQL. The vaults had writes acknowledged after the backup; each pushes its own
/// again at its next sync, and all converge with none of them lost.</summary>
public sealed class RestoreOverHttpTests
{
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";

    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task AfterARestoreToAnOlderPoint_EachVaultPushesItsAcknowledgedWritesAgain_AndAllConverge(Backend backend)
    {
        using var scratch = new TempDir("realign-restore-");
        var data = Directory.CreateDirectory(scratch.Sub("data")).FullName;
        var database = backend == Backend.Postgres ? await PostgresServer.CreateDatabaseAsync("restore") : null;
        try
        {
            var options = new RealignServerOptions
            {
                SqlitePath = database is null ? Path.Combine(data, "realign.db") : null,
                PostgresConnectionString = database,
                SecretsKeyFile = scratch.Sub("secrets.key"),
                Automations = false,
                RetentionJob = false,
                RateLimitPermits = 100_000,
            };
            var backup = scratch.Sub(database is null ? "backup.db" : "backup.dump");
            string tokenA, tokenB;
            string epochBefore;
            LocalVault a, b;

            await using (var server = await HostedServer.StartAsync(options))
            {
                var tenant = await server.Store.CreateTenantAsync("restored", VaultMode.CloudFirst);
                tokenA = (await server.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "desktop", true))).Token;
                tokenB = (await server.Store.CreateTokenAsync(new TokenRequest(tenant.Id, PrincipalKind.UserDevice, "web", true))).Token;
                a = LocalVault.Create(scratch.Sub("a"), new VaultSettings(tenant.Id, "desktop", VaultMode.CloudFirst, server.Url));
                b = LocalVault.Create(scratch.Sub("b"), new VaultSettings(tenant.Id, "web", VaultMode.CloudFirst, server.Url));
                a.Put("note", "n1", """{"title":"first"}""");
                await SyncAsync(a, server.BaseAddress, tokenA);
                await SyncAsync(b, server.BaseAddress, tokenB);

                // The backup: the state of this moment.
                await BackupAsync(database, options.SqlitePath, backup);
                epochBefore = server.Store.Epoch;

                // Acknowledged after the backup, so lost by the restore: an edit and a new note of A, a new note of B.
                a.Put("note", "n1", """{"title":"first, edited after the backup"}""");
                a.Put("note", "n2", """{"title":"made by A after the backup"}""");
                Assert.Equal(2, (await SyncAsync(a, server.BaseAddress, tokenA)).Pushed);
                b.Put("note", "n3", """{"title":"made by B after the backup"}""");
                Assert.Equal(1, (await SyncAsync(b, server.BaseAddress, tokenB)).Pushed);
            }

            using var vaultA = a;
            using var vaultB = b;
            await RestoreAsync(database, data, backup);

            await using var restored = await HostedServer.StartAsync(options);
            Assert.NotEqual(epochBefore, restored.Store.Epoch);
            var tenantId = (await restored.Store.ListTenantsAsync()).Single().Id;
            Assert.Null(await restored.Store.GetEntityAsync(new Realign.Core.Merge.EntityKey(tenantId, "note", "n2")));

            var first = await SyncAsync(a, restored.BaseAddress, tokenA);
            Assert.True(first.ServerRestored, "A saw the restore");
            Assert.True(first.Requeued >= 2, $"A queued its acknowledged writes again ({first.Requeued})");
            Assert.True((await SyncAsync(b, restored.BaseAddress, tokenB)).ServerRestored, "B saw the restore");
            var again = await SyncAsync(a, restored.BaseAddress, tokenA);
            Assert.False(again.ServerRestored, "a restore is recovered from once");

            foreach (var (id, title) in new[] { ("n1", "first, edited after the backup"), ("n2", "made by A after the backup"), ("n3", "made by B after the backup") })
            {
                Assert.Equal(title, a.Get("note", id)?.Text("title"));
                Assert.Equal(title, b.Get("note", id)?.Text("title"));
                var head = await restored.Store.GetEntityAsync(new Realign.Core.Merge.EntityKey(tenantId, "note", id));
                Assert.NotNull(head);
            }
        }
        finally
        {
            if (database is not null)
            {
                await PostgresServer.DropDatabaseAsync(database);
            }
        }
    }

    private static async Task<SyncSummary> SyncAsync(LocalVault vault, Uri server, string token)
    {
        using var transport = new HttpSyncTransport(server, token);
        return await new SyncClient(vault, transport).SyncAsync();
    }

    private static async Task BackupAsync(string? database, string? sqlitePath, string backup)
    {
        if (database is null)
        {
            SqliteBackups.BackupFile(sqlitePath!, backup);
            return;
        }

        await RunAsync(Path.Combine(PostgresBin, "pg_dump"), "-Fc", "--dbname", Uri(database), "--file", backup);
    }

    private static async Task RestoreAsync(string? database, string data, string backup)
    {
        if (database is null)
        {
            var restore = await Cli.RunAsync("admin", "restore", backup, "--data", data);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            return;
        }

        // As docs/operations.md has it: the database made anew and empty, then the dump restored into it.
        await PostgresServer.DropDatabaseAsync(database);
        await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {new NpgsqlConnectionStringBuilder(database).Database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        await RunAsync(Path.Combine(PostgresBin, "pg_restore"), "--no-owner", "--single-transaction", "--exit-on-error", "--dbname", Uri(database), backup);
        var restored = await Cli.RunAsync("admin", "restored", "--postgres", database);
        Assert.True(restored.ExitCode == 0, restored.ToString());
    }

    /// <summary>A libpq URI of an Npgsql connection string, for pg_dump and pg_restore.</summary>
    private static string Uri(string connectionString)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{System.Uri.EscapeDataString(c.Username!)}:{System.Uri.EscapeDataString(c.Password ?? "")}@{c.Host}:{c.Port}/{c.Database}";
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(limit.Token);
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(program)} exited {process.ExitCode}: {await errors}{await output}");
    }
}
