namespace Realign.EndToEnd.Tests.Vault;

/// <summary>A vault waiting on the server hears another device's push as soon as it commits, and pulls it.</summary>
public sealed class LiveChangesTests
{
    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task VaultWaitingOnTheServer_OtherDevicePushes_WaitAnsweredAndTheNoteArrives(Backend backend)
    {
        if (backend == Backend.Postgres && !PostgresServer.Available())
        {
            return;
        }

        await using var server = await HostedServer.StartAsync(backend, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        using var desktop = await tenant.NewVaultAsync("desktop", "desktop");
        using var phone = await tenant.NewVaultAsync("phone", "mobile");
        phone.Vault.Put("note", "n1", """{"title":"first"}""");
        await phone.SyncAsync();
        await desktop.SyncAsync();
        Assert.False(await desktop.Client.WaitForRemoteChangeAsync(TimeSpan.FromSeconds(1)));

        var waiting = desktop.Client.WaitForRemoteChangeAsync(TimeSpan.FromSeconds(50));
        phone.Vault.Put("note", "n2", """{"title":"from the phone"}""");
        await phone.SyncAsync();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(45)));
        Assert.Equal(1, (await desktop.SyncAsync()).Pulled);
        Assert.Equal("\"from the phone\"", desktop.Vault.Get("note", "n2")!.Payload["title"]);
    }
}
