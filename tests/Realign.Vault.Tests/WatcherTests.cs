using Realign.Vault.Watch;

namespace Realign.Vault.Tests;

public sealed class WatcherTests
{
    [Fact]
    public void MarkdownNote_FrontMatter_GivesTitleAndTags()
    {
        var note = MarkdownNote.Parse("---\ntitle: Trip\ntags: [travel, plans]\n---\nPack #bags\n", "x.md");
        Assert.Equal("Trip", note.Title);
        Assert.Equal(["travel", "plans"], note.Tags);
        Assert.Equal("Pack #bags\n", note.Body);
    }

    [Fact]
    public void MarkdownNote_NoFrontMatter_HeadingAndHashtags()
    {
        var note = MarkdownNote.Parse("# Groceries\r\nmilk #food and #home/kitchen, not a#tag\n", "list.md");
        Assert.Equal("Groceries", note.Title);
        Assert.Equal(["food", "home/kitchen"], note.Tags);
        Assert.Equal("plain", MarkdownNote.Parse("no heading", "plain.md").Title);
    }

    [Fact]
    public void MarkdownNote_RenderThenParse_RoundTrips()
    {
        var note = new MarkdownNote("A: tricky # title", "body\nline 2\n", ["x", "y z"]);
        var back = MarkdownNote.Parse(note.Render(), "f.md");
        Assert.Equal(note.Title, back.Title);
        Assert.Equal(note.Body, back.Body);
        Assert.Equal(note.Tags, back.Tags);
    }

    [Fact]
    public void Rescan_CreateEditRenameDelete_FollowedWithStableId()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        var folder = Path.Combine(rig.Root, "notes");
        Directory.CreateDirectory(folder);
        using var watcher = new FolderWatcher(a, folder);
        File.WriteAllText(Path.Combine(folder, "idea.md"), "# Idea\nfirst #draft\n");
        Assert.Equal(new RescanResult(1, 0, 0, 0), watcher.Rescan());
        var note = Assert.Single(a.List("note"));
        Assert.Equal("Idea", note.Text("title"));
        Assert.Equal("[\"draft\"]", note.Payload["tags"]);
        Assert.Equal("user:desktop", note.State.FindField("body")!.Effective!.Value.Stamp.Origin);
        var id = note.EntityId;

        Assert.True(watcher.Rescan().IsEmpty);
        File.WriteAllText(Path.Combine(folder, "idea.md"), "# Idea\nsecond\n");
        Assert.Equal(new RescanResult(0, 1, 0, 0), watcher.Rescan());
        Assert.Equal("# Idea\nsecond\n", a.Get("note", id)!.Text("body"));

        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        File.Move(Path.Combine(folder, "idea.md"), Path.Combine(folder, "sub", "renamed.md"));
        Assert.Equal(new RescanResult(0, 0, 1, 0), watcher.Rescan());
        Assert.Equal(id, Assert.Single(a.List("note")).EntityId);

        File.Delete(Path.Combine(folder, "sub", "renamed.md"));
        Assert.Equal(new RescanResult(0, 0, 0, 1), watcher.Rescan());
        Assert.True(a.Get("note", id)!.IsDeleted);
        Assert.Empty(a.List("note"));
    }

    [Fact]
    public void Rescan_RenamedAndEditedTogether_SameNoteWhenTitleOrBodyKept()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        var folder = Path.Combine(rig.Root, "notes");
        Directory.CreateDirectory(folder);
        using var watcher = new FolderWatcher(a, folder);
        File.WriteAllText(Path.Combine(folder, "trip.md"), "# Trip\npack bags\n");
        File.WriteAllText(Path.Combine(folder, "recipe.md"), "---\ntitle: Soup\n---\nboil water\n");
        Assert.Equal(new RescanResult(2, 0, 0, 0), watcher.Rescan());
        var trip = a.List("note").Single(n => n.Text("title") == "Trip").EntityId;
        var soup = a.List("note").Single(n => n.Text("title") == "Soup").EntityId;

        // Title kept, body edited, file moved.
        File.Delete(Path.Combine(folder, "trip.md"));
        File.WriteAllText(Path.Combine(folder, "travel.md"), "# Trip\npack bags and maps\n");
        // Body kept, title edited, file moved.
        File.Delete(Path.Combine(folder, "recipe.md"));
        File.WriteAllText(Path.Combine(folder, "soups.md"), "---\ntitle: Tomato soup\n---\nboil water\n");
        Assert.Equal(new RescanResult(0, 0, 2, 0), watcher.Rescan());
        Assert.Equal(2, a.List("note").Count);
        Assert.Equal("# Trip\npack bags and maps\n", a.Get("note", trip)!.Text("body"));
        Assert.Equal("Tomato soup", a.Get("note", soup)!.Text("title"));
        Assert.True(watcher.Rescan().IsEmpty);
        Assert.Equal(0, watcher.WriteBack());

        // Title and body both changed: nothing ties the file to the old note, so it is a new note and the old one is deleted.
        File.Delete(Path.Combine(folder, "travel.md"));
        File.WriteAllText(Path.Combine(folder, "plans.md"), "# Plans\nsomething else\n");
        Assert.Equal(new RescanResult(1, 0, 0, 1), watcher.Rescan());
        Assert.True(a.Get("note", trip)!.IsDeleted);
    }

    [Fact]
    public void Rescan_RenamedAndEdited_AmbiguousMatch_IsNewNoteNotAGuess()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        var folder = Path.Combine(rig.Root, "notes");
        Directory.CreateDirectory(folder);
        using var watcher = new FolderWatcher(a, folder);
        File.WriteAllText(Path.Combine(folder, "one.md"), "# Todo\nmilk\n");
        File.WriteAllText(Path.Combine(folder, "two.md"), "# Todo\neggs\n");
        Assert.Equal(new RescanResult(2, 0, 0, 0), watcher.Rescan());
        var before = a.List("note").Select(n => n.EntityId).ToHashSet();

        // One new file with the title both vanished notes had: either could be its origin, so it is neither.
        File.Delete(Path.Combine(folder, "one.md"));
        File.Delete(Path.Combine(folder, "two.md"));
        File.WriteAllText(Path.Combine(folder, "todo.md"), "# Todo\nmilk and eggs\n");
        Assert.Equal(new RescanResult(1, 0, 0, 2), watcher.Rescan());
        Assert.DoesNotContain(Assert.Single(a.List("note")).EntityId, before);
    }

    [Fact]
    public async Task RemoteEdit_RewritesFileExactlyOnce_NoEcho()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        var folder = Path.Combine(rig.Root, "notes");
        Directory.CreateDirectory(folder);
        using var watcher = new FolderWatcher(a, folder);
        var file = Path.Combine(folder, "todo.md");
        File.WriteAllText(file, "---\ntitle: Todo\n---\nbuy milk\n");
        watcher.Rescan();
        await ca.SyncAsync();
        Assert.Equal(0, watcher.WriteBack());
        var id = Assert.Single(a.List("note")).EntityId;

        await cb.SyncAsync();
        b.Put("note", id, """{"body":"buy oat milk\n"}""");
        await cb.SyncAsync();
        await ca.SyncAsync();
        var before = File.GetLastWriteTimeUtc(file);
        Assert.Equal(1, watcher.WriteBack());
        Assert.Equal("---\ntitle: Todo\n---\nbuy oat milk\n", File.ReadAllText(file));
        Assert.True(watcher.Rescan().IsEmpty);
        Assert.Equal(0, a.Status().OutboxCount);
        Assert.Equal(0, watcher.WriteBack());
        await ca.SyncAsync();
        Assert.Equal(0, watcher.WriteBack());
        Assert.True(File.GetLastWriteTimeUtc(file) >= before);
    }

    [Fact]
    public async Task RemoteCreateAndDelete_CreateAndRemoveFiles()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        var folder = Path.Combine(rig.Root, "notes");
        Directory.CreateDirectory(folder);
        using var watcher = new FolderWatcher(a, folder);
        b.Put("note", "n-remote", """{"title":"From phone","body":"hello","tags":["t"]}""");
        await cb.SyncAsync();
        await ca.SyncAsync();
        Assert.Equal(1, watcher.WriteBack());
        var file = Path.Combine(folder, "From phone.md");
        Assert.True(File.Exists(file));
        Assert.True(watcher.Rescan().IsEmpty);
        b.Delete("note", "n-remote");
        await cb.SyncAsync();
        await ca.SyncAsync();
        Assert.Equal(1, watcher.WriteBack());
        Assert.False(File.Exists(file));
        Assert.True(watcher.Rescan().IsEmpty);
    }

    [Fact]
    public async Task LocalEditPending_RemoteChange_FileNotOverwritten()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        var folder = Path.Combine(rig.Root, "notes");
        Directory.CreateDirectory(folder);
        using var watcher = new FolderWatcher(a, folder);
        var file = Path.Combine(folder, "n.md");
        File.WriteAllText(file, "# N\nv1\n");
        watcher.Rescan();
        await ca.SyncAsync();
        await cb.SyncAsync();
        var id = Assert.Single(b.List("note")).EntityId;
        b.Put("note", id, """{"title":"Remote title"}""");
        await cb.SyncAsync();
        await ca.SyncAsync();
        File.WriteAllText(file, "# N\nlocal edit\n");
        Assert.Equal(0, watcher.WriteBack());
        Assert.Equal("# N\nlocal edit\n", File.ReadAllText(file));
        watcher.Rescan();
        Assert.Equal("# N\nlocal edit\n", a.Get("note", id)!.Text("body"));
    }

    [Fact]
    public async Task FileSystemEvent_SignalsWaiter()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        var folder = Path.Combine(rig.Root, "notes");
        Directory.CreateDirectory(folder);
        using var watcher = new FolderWatcher(a, folder, TimeSpan.FromMilliseconds(50));
        watcher.Start();
        await File.WriteAllTextAsync(Path.Combine(folder, "new.md"), "# New\n");
        Assert.True(await watcher.WaitForChangesAsync(TimeSpan.FromSeconds(10), CancellationToken.None));
        Assert.Equal(1, watcher.Rescan().Created);
    }
}
