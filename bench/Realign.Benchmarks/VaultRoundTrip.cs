using System.Diagnostics;
using Realign.Core.Contract;
using Realign.Vault.Sync;
using Realign.Vault;

namespace Realign.Benchmarks;

/// <summary>End to end: a vault with N notes syncs up, then a fresh vault of the same tenant syncs them down.</summary>
internal static class VaultRoundTrip
{
    public static async Task<(TimeSpan Up, TimeSpan Down)> MeasureAsync(Uri server, string token, string tenantId, int notes, int batchSize, int pageSize, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("realign-bench-vault-").FullName;
        try
        {
            var options = new SyncOptions { PushBatchSize = batchSize, PullPageSize = pageSize, FetchConflicts = false };
            TimeSpan up;
            using (var vault = LocalVault.Create(Path.Combine(root, "a"), new VaultSettings(tenantId, "desktop", VaultMode.CloudFirst, server.ToString())))
            {
                for (var i = 0; i < notes; i++)
                {
                    vault.Put("note", BenchItems.EntityId(i), BenchItems.PayloadJson(i));
                }

                using var transport = new HttpSyncTransport(server, token);
                var watch = Stopwatch.StartNew();
                var summary = await new SyncClient(vault, transport, options).SyncAsync(null, cancellationToken);
                up = watch.Elapsed;
                if (summary.Pushed != notes)
                {
                    throw new InvalidOperationException($"the vault pushed {summary.Pushed} of {notes} notes");
                }
            }

            using (var fresh = LocalVault.Create(Path.Combine(root, "b"), new VaultSettings(tenantId, "desktop", VaultMode.CloudFirst, server.ToString())))
            {
                using var transport = new HttpSyncTransport(server, token);
                var watch = Stopwatch.StartNew();
                var summary = await new SyncClient(fresh, transport, options).SyncAsync(null, cancellationToken);
                var down = watch.Elapsed;
                if (summary.Pulled < notes)
                {
                    throw new InvalidOperationException($"the fresh vault pulled {summary.Pulled} of {notes} notes");
                }

                return (up, down);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }
    }
}
