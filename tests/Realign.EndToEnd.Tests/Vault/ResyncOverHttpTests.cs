using Realign.Core.Contract;
using Realign.Vault.Watch;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class ResyncOverHttpTests
{
    [Fact]
    public async Task ResyncAfterTombstonePurge_NoteDeletedElsewhere_IsGoneFromVaultToo()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server);
        var a = await tenant.NewVaultAsync("a", "desktop");
        var b = await tenant.NewVaultAsync("b", "web");
        foreach (var id in new[] { "n1", "n2", "n3" })
        {
            a.Vault.Put("note", id, $$"""{"title":"{{id}}"}""");
        }

        await a.SyncAsync();
        await b.SyncAsync();
        using var watcher = new FolderWatcher(b.Vault, Directory.CreateDirectory(Path.Combine(server.Folder.Path, "fb")).FullName);
        Assert.Equal(3, watcher.WriteBack());
        a.Vault.Delete("note", "n1");
        a.Vault.Put("note", "n2", """{"title":"n2 edited by A"}""");
        await a.SyncAsync();
        var seq = (await server.Host.Store.FindTenantAsync(tenant.TenantId))!.Seq;
        Assert.Equal(1, await server.Host.Store.PurgeTombstonesAsync(tenant.TenantId, seq));
        b.Vault.Put("note", "n3", """{"title":"n3 edited by B"}""");
        b.Vault.Put("note", "n4", """{"title":"new in B"}""");

        var summary = await b.SyncAsync();

        Assert.True(summary.Resynced);
        Assert.Null(b.Vault.Get("note", "n1"));
        Assert.True(File.Exists(Path.Combine(watcher.Folder, "n1.md")));
        watcher.WriteBack();
        Assert.Equal(["n2.md", "n3.md", "new in B.md"], Directory.GetFiles(watcher.Folder, "*.md").Select(Path.GetFileName).Order());
        Assert.True(watcher.Rescan().IsEmpty);
        Assert.Equal(["n2", "n3", "n4"], b.Vault.List("note").Select(n => n.EntityId).Order());
        Assert.Equal("n2 edited by A", b.Vault.Get("note", "n2")!.Text("title"));
        Assert.Equal("n3 edited by B", (await tenant.StateAsync("note", "n3"))!.FindField("title")!.Effective!.Value.Value.Trim('"'));
        await a.SyncAsync();
        Assert.Equal(["n2", "n3", "n4"], a.Vault.List("note").Select(n => n.EntityId).Order());
        var heads = await tenant.PullAllAsync(b.Token);
        Assert.Equal(["n2", "n3", "n4"], heads.Select(h => h.EntityId!).Order());
        foreach (var head in heads)
        {
            Assert.True(b.Vault.Get("note", head.EntityId!)!.State.SameRegisters(EntityCodec.FromHead(head, tenant.TenantId)));
        }
    }
}

/// <summary>The retention job's horizon as a vault meets it: a vault that has not synced for longer than the retention
/// resyncs by itself, drops what was deleted elsewhere, and keeps and pushes what it changed offline.</summary>
public sealed class RetentionOverHttpTests
{
    [BackendTheory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.Postgres)]
    public async Task AVaultBehindTheRetentionHorizon_ResyncsByItself_AndLosesNoChangeOfItsOwn(Backend backend)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await HostedServer.StartAsync(backend, LiveTenant.Options with { Clock = clock, Automations = false, RetentionJob = false, Retention = TimeSpan.FromDays(30) });
        using var tenant = await LiveTenant.CreateAsync(server);
        var away = await tenant.NewVaultAsync("away", "desktop");
        var home = await tenant.NewVaultAsync("home", "web");
        foreach (var id in new[] { "n1", "n2", "n3" })
        {
            home.Vault.Put("note", id, $$"""{"title":"{{id}}"}""");
        }

        await home.SyncAsync();
        await away.SyncAsync();
        home.Vault.Delete("note", "n1");
        await home.SyncAsync();

        // Forty days later the retention job removes the tombstone; the vault that was away edited a note meanwhile.
        clock.Advance(TimeSpan.FromDays(40));
        var retention = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Realign.Server.Retention.RetentionService>(server.Host.Services);
        Assert.Equal(1, (await retention.RunPassAsync(CancellationToken.None)).Single(r => r.TenantId == tenant.TenantId).Tombstones);
        away.Vault.Put("note", "n2", """{"title":"n2 edited while away"}""");

        var summary = await away.SyncAsync();

        Assert.True(summary.Resynced, "the vault behind the horizon resynced");
        Assert.Null(away.Vault.Get("note", "n1"));
        Assert.Equal(["n2", "n3"], away.Vault.List("note").Select(n => n.EntityId).Order());
        await home.SyncAsync();
        Assert.Equal("n2 edited while away", home.Vault.Get("note", "n2")!.Text("title"));
        Assert.Equal(["n2", "n3"], home.Vault.List("note").Select(n => n.EntityId).Order());
    }
}
