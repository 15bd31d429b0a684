using Realign.Vault;
using Realign.Vault.Sync;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class LiveVault(LocalVault vault, HttpSyncTransport transport, string token, SyncOptions? options) : IDisposable
{
    public LocalVault Vault { get; } = vault;

    public HttpSyncTransport Transport { get; } = transport;

    public string Token { get; } = token;

    public SyncClient Client { get; } = new(vault, transport, options);

    public Task<SyncSummary> SyncAsync() => Client.SyncAsync();

    public void Dispose()
    {
        Transport.Dispose();
        Vault.Dispose();
    }
}
