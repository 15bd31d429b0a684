using Realign.Vault.Watch;

namespace Realign.Vault.Tests;

/// <summary>The watcher over folders larger than one page, the write-back cursor and the save clock.</summary>
public sealed class WatcherScaleTests
{
    private static readonly int Files = FolderWatcher.PageSize + 500;

    [Fact]
    public void Rescan_FolderOfSeveralPages_ImportsEveryFileOnceWithProgress()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        var folder = Folder(rig);
        for (var i = 0; i < Files; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"n{i:D5}.md"), $"# Note {i}\nbody {i} #t{i % 7}\n");
        }

        using var watcher = new FolderWatcher(a, folder);
        var reports = new List<(int Done, int Total)>();
        Assert.Equal(new RescanResult(Files, 0, 0, 0), watcher.Rescan(new SyncProgressList(reports)));
        Assert.Equal([(FolderWatcher.PageSize, Files), (Files, Files)], reports);
        Assert.Equal(Files, a.List("note").Count);
        Assert.Equal(Files, a.Status().OutboxCount);
        Assert.Equal("# Note 2499\nbody 2499 #t0\n", a.List("note").Single(n => n.Text("title") == "Note 2499").Text("body"));

        // Nothing changed: a second rescan imports nothing, and the import left nothing to write back.
        Assert.True(watcher.Rescan().IsEmpty);
        Assert.Equal(0, watcher.WriteBack());
    }

    [Fact]
    public void Rescan_RenamesAndEditsAcrossPages_KeepIdsAndDeleteOnlyTheVanished()
    {
        using var rig = new Rig();
        var (a, _, _) = rig.NewVault("a");
        var folder = Folder(rig);
        for (var i = 0; i < Files; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"n{i:D5}.md"), $"# Note {i}\nbody {i}\n");
        }

        using var watcher = new FolderWatcher(a, folder);
        watcher.Rescan();
        var ids = a.List("note").ToDictionary(n => n.Text("title")!, n => n.EntityId);

        // The first file moves to the last page unchanged, the last one moves to the first page with a new body (the
        // title ties it to its note), one file in the middle is edited and one is deleted.
        File.Move(Path.Combine(folder, "n00000.md"), Path.Combine(folder, "z-moved.md"));
        File.Delete(Path.Combine(folder, $"n{Files - 1:D5}.md"));
        File.WriteAllText(Path.Combine(folder, "a-moved.md"), $"# Note {Files - 1}\nrewritten\n");
        File.WriteAllText(Path.Combine(folder, "n01000.md"), "# Note 1000\nedited\n");
        File.Delete(Path.Combine(folder, "n01500.md"));
        Assert.Equal(new RescanResult(0, 1, 2, 1), watcher.Rescan());
        var after = a.List("note").ToDictionary(n => n.EntityId);
        Assert.Equal(Files - 1, after.Count);
        Assert.Equal("# Note 0\nbody 0\n", after[ids["Note 0"]].Text("body"));
        Assert.Equal($"# Note {Files - 1}\nrewritten\n", after[ids[$"Note {Files - 1}"]].Text("body"));
        Assert.Equal("# Note 1000\nedited\n", after[ids["Note 1000"]].Text("body"));
        Assert.True(a.Get("note", ids["Note 1500"])!.IsDeleted);
        Assert.Equal(Files - 1, a.Files.FileMap().Count);
        Assert.Equal("z-moved.md", a.Files.FileMap().Values.Single(e => e.EntityId == ids["Note 0"]).Path);
    }

    [Fact]
    public async Task WriteBack_OnlyNotesSavedSinceTheLastWriteBack_AndAllOfThemAfterAMove()
    {
        using var rig = new Rig();
        var (a, ca, _) = rig.NewVault("a");
        var (b, cb, _) = rig.NewVault("b", "cli");
        for (var i = 0; i < 30; i++)
        {
            b.Put("note", $"n{i}", $$"""{"title":"Remote {{i}}","body":"x"}""");
        }

        await cb.SyncAsync();
        await ca.SyncAsync();
        var folder = Folder(rig);
        using (var watcher = new FolderWatcher(a, folder))
        {
            Assert.Equal(30, watcher.WriteBack());
            Assert.Equal(0, watcher.WriteBack());
            b.Put("note", "n7", """{"body":"changed"}""");
            await cb.SyncAsync();
            await ca.SyncAsync();
            Assert.Equal(1, watcher.WriteBack());
            Assert.Contains("changed", File.ReadAllText(Path.Combine(folder, "Remote 7.md")));
        }

        // Another folder: every note is written there once, though none changed.
        var other = Path.Combine(rig.Root, "other");
        Directory.CreateDirectory(other);
        using var moved = new FolderWatcher(a, other, move: true);
        Assert.True(moved.Rescan().IsEmpty);
        Assert.Equal(30, moved.WriteBack());
        Assert.Equal(0, moved.WriteBack());
    }

    [Fact]
    public void ChangedAt_WallClockStepsBack_LaterSaveStillAfterEarlierOnes()
    {
        using var rig = new Rig();
        var time = new SettableTime(DateTimeOffset.Parse("2026-06-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var (a, _, _) = rig.NewVault("a", time: time);
        a.Put("note", "first", """{"title":"1"}""");
        var seen = a.ChangedAfter(0).Max(c => c.ChangedAtMicros);
        time.Now = time.Now.AddHours(-3);
        a.Put("note", "second", """{"title":"2"}""");
        var later = Assert.Single(a.ChangedAfter(seen));
        Assert.Equal("second", later.Entity.EntityId);
    }

    private static string Folder(Rig rig)
    {
        var folder = Path.Combine(rig.Root, "notes");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private sealed class SyncProgressList(List<(int Done, int Total)> list) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => list.Add(value);
    }
}
