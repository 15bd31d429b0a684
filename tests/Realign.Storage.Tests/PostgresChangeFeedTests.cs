using Realign.Core.Contract;
using Realign.Storage.Internal;
using static Realign.Storage.Tests.Writes;

namespace Realign.Storage.Tests;

/// <summary>Servers on one PostgreSQL database hear each other's commits through LISTEN/NOTIFY.</summary>
[RequiresPostgres]
public sealed class PostgresChangeFeedTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [BackendFact]
    public async Task CommitOnOneStore_NotifiesTheOthersWaitersOfThatTenant()
    {
        if (database.ConnectionString is not { } cs) { return; }
        await using var listening = (PostgresReplicaStore)await ReplicaStores.OpenPostgresAsync(cs);
        await using var writing = await ReplicaStores.OpenPostgresAsync(cs);
        var tenant = (await writing.CreateTenantAsync("feed-" + Guid.NewGuid().ToString("N")[..8], VaultMode.CloudFirst)).Id;
        await listening.StartChangeFeedAsync(CancellationToken.None);
        await listening.ChangeFeedListening.WaitAsync(TimeSpan.FromSeconds(30));

        // Only a notification can complete this: the listening store neither wrote nor reconnected.
        var woken = listening.TenantSignalsForTests.Next(tenant);
        Assert.False(woken.IsCompleted);
        await writing.ApplyBatchAsync(Batch(tenant, User(tenant, "n1", 1, ("title", "\"a\""))));

        await woken.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [BackendFact]
    public async Task ListeningConnectionKilled_FeedReconnectsAndNotificationsArriveAgain()
    {
        if (database.ConnectionString is not { } cs) { return; }
        await using var listening = (PostgresReplicaStore)await ReplicaStores.OpenPostgresAsync(cs);
        await using var writing = await ReplicaStores.OpenPostgresAsync(cs);
        var tenant = (await writing.CreateTenantAsync("feed-" + Guid.NewGuid().ToString("N")[..8], VaultMode.CloudFirst)).Id;
        await listening.StartChangeFeedAsync(CancellationToken.None);
        await listening.ChangeFeedListening.WaitAsync(TimeSpan.FromSeconds(30));

        await using (var admin = new Npgsql.NpgsqlConnection(cs))
        {
            await admin.OpenAsync();
            await using var kill = new Npgsql.NpgsqlCommand(
                "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN realign_changes' AND pid <> pg_backend_pid()", admin);
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1, "no listening connection to kill");
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (listening.ChangeFeedConnections < 2)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the change feed did not reconnect");
            await Task.Delay(50);
        }

        var woken = listening.TenantSignalsForTests.Next(tenant);
        await writing.ApplyBatchAsync(Batch(tenant, User(tenant, "n1", 1, ("title", "\"a\""))));
        await woken.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
