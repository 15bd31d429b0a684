using Realign.Core.Contract;
using Realign.Storage;
using Realign.Vault.Crypto;
using Realign.Vault.Watch;

namespace Realign.EndToEnd.Tests.Vault;

public sealed class WatcherOverHttpTests
{
    [Fact]
    public async Task WatchedFolderOnEncryptedTenant_CreateEditRenameDeleteAndRemoteEdit_ReachOtherSideOnceWithoutEcho()
    {
        await using var server = await HostedServer.StartAsync(Backend.Sqlite, LiveTenant.Options);
        using var tenant = await LiveTenant.CreateAsync(server, VaultMode.LocalFirst);
        var a = await tenant.NewVaultAsync("a", "desktop");
        var b = await tenant.NewVaultAsync("b", "web");
        await a.SyncAsync();
        a.Vault.UnlockWithPassphrase("watch words", KeyParameters.CreateNew(memoryKib: 8192, iterations: 1));
        await a.SyncAsync();
        await b.SyncAsync();
        b.Vault.UnlockWithPassphrase("watch words");
        var folder = Path.Combine(server.Folder.Path, "fa");
        Directory.CreateDirectory(folder);
        using var watcher = new FolderWatcher(a.Vault, folder);

        async Task CycleAsync()
        {
            watcher.Rescan();
            await a.SyncAsync();
            watcher.WriteBack();
            await b.SyncAsync();
        }

        var idea = Path.Combine(folder, "idea.md");
        var list = Path.Combine(folder, "list.md");
        await File.WriteAllTextAsync(idea, "# Idea\nfirst draft #plans\n");
        await File.WriteAllTextAsync(list, "---\ntitle: Groceries\ntags: [food]\n---\nmilk\n");
        await CycleAsync();
        var ideaId = Assert.Single(b.Vault.List("note"), n => n.Text("title") == "Idea").EntityId;
        var listId = Assert.Single(b.Vault.List("note"), n => n.Text("title") == "Groceries").EntityId;
        Assert.Equal("[\"plans\"]", b.Vault.Get("note", ideaId)!.Payload["tags"]);
        Assert.Equal("milk\n", b.Vault.Get("note", listId)!.Text("body"));

        await File.WriteAllTextAsync(idea, "# Idea\nsecond draft #plans\n");
        await CycleAsync();
        Assert.Equal("# Idea\nsecond draft #plans\n", b.Vault.Get("note", ideaId)!.Text("body"));

        Directory.CreateDirectory(Path.Combine(folder, "shop"));
        File.Move(list, Path.Combine(folder, "shop", "groceries.md"));
        Assert.Equal(new RescanResult(0, 0, 1, 0), watcher.Rescan());
        await CycleAsync();
        Assert.False(b.Vault.Get("note", listId)!.IsDeleted);
        Assert.Equal(2, b.Vault.List("note").Count);

        File.Delete(Path.Combine(folder, "shop", "groceries.md"));
        await CycleAsync();
        Assert.True(b.Vault.Get("note", listId)!.IsDeleted);

        b.Vault.Put("note", ideaId, """{"body":"# Idea\nedited on the web\n"}""");
        b.Vault.Put("note", "n-web", """{"title":"From the web","body":"hello\n","tags":["web"]}""");
        await b.SyncAsync();
        Assert.True(watcher.Rescan().IsEmpty);
        await a.SyncAsync();
        Assert.Equal(2, watcher.WriteBack());
        var rewritten = MarkdownNote.Parse(await File.ReadAllTextAsync(idea), "idea.md");
        Assert.Equal("# Idea\nedited on the web\n", rewritten.Body);
        Assert.Equal("Idea", rewritten.Title);
        var fromWeb = Path.Combine(folder, "From the web.md");
        Assert.Contains("hello", await File.ReadAllTextAsync(fromWeb), StringComparison.Ordinal);
        var written = File.GetLastWriteTimeUtc(idea);

        for (var cycle = 0; cycle < 2; cycle++)
        {
            Assert.True(watcher.Rescan().IsEmpty);
            var summary = await a.SyncAsync();
            Assert.Equal(0, summary.Pushed);
            Assert.Equal(0, watcher.WriteBack());
            Assert.Equal(0, (await b.SyncAsync()).Changed);
        }

        Assert.Equal(written, File.GetLastWriteTimeUtc(idea));
        Assert.Equal("edited on the web", b.Vault.Get("note", ideaId)!.Text("body")!.Split('\n')[1]);
        await Converge.AssertIdenticalAsync(tenant, a, b);
    }
}
