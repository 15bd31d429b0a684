using Realign.Vault.Watch;

namespace Realign.Vault.Tests;

public sealed class WatchedFolderTests
{
    private static (LocalVault Vault, string Folder) VaultWithNotes(Rig rig, int notes)
    {
        var (vault, _, _) = rig.NewVault("a");
        var folder = Directory.CreateDirectory(Path.Combine(rig.Root, "notes")).FullName;
        for (var i = 0; i < notes; i++)
        {
            File.WriteAllText(Path.Combine(folder, $"note {i}.md"), $"# Note {i}\ntext {i}\n");
        }

        using var watcher = new FolderWatcher(vault, folder);
        Assert.Equal(notes, watcher.Rescan().Created);
        return (vault, folder);
    }

    [Fact]
    public void MistypedFolderBug_MissingFolder_RefusedNeverCreatedNothingDeleted()
    {
        using var rig = new Rig();
        var (vault, folder) = VaultWithNotes(rig, 18);
        var typo = folder + "-typo";
        var ex = Assert.Throws<VaultException>(() => new FolderWatcher(vault, typo));
        Assert.Contains("does not exist", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(typo));
        Assert.Equal(18, vault.List("note").Count);
    }

    [Fact]
    public void MistypedFolderBug_AnotherExistingFolder_RefusedUnlessMoveAndAMoveDeletesNothing()
    {
        using var rig = new Rig();
        var (vault, folder) = VaultWithNotes(rig, 18);
        var other = Directory.CreateDirectory(folder + "-other").FullName;
        var ex = Assert.Throws<VaultException>(() => new FolderWatcher(vault, other));
        Assert.Contains("--move", ex.Message, StringComparison.Ordinal);
        Assert.Equal(folder, vault.WatchedFolder);

        using var moved = new FolderWatcher(vault, other, move: true);
        Assert.Equal(other, vault.WatchedFolder);
        var scan = moved.Rescan();
        Assert.Equal(0, scan.Deleted);
        Assert.Equal(18, vault.List("note").Count);
        Assert.Equal(18, moved.WriteBack());
        Assert.Equal(18, Directory.GetFiles(other, "*.md").Length);
        Assert.True(moved.Rescan().IsEmpty);

        File.Delete(Directory.GetFiles(other, "*.md")[0]);
        Assert.Equal(1, moved.Rescan().Deleted);
    }

    [Fact]
    public void EmptiedFolderBug_FolderRemovedOrReplacedWithoutItsMarker_RescanDeletesNothingAndSaysWhy()
    {
        using var rig = new Rig();
        var (vault, folder) = VaultWithNotes(rig, 5);
        using var watcher = new FolderWatcher(vault, folder);
        Assert.True(File.Exists(Path.Combine(folder, FolderWatcher.MarkerFileName)));

        Directory.Delete(folder, recursive: true);
        var gone = watcher.Rescan();
        Assert.Equal(0, gone.Deleted);
        Assert.Contains("missing", gone.Held, StringComparison.Ordinal);
        Assert.Equal(0, watcher.WriteBack());
        Assert.False(Directory.Exists(folder));

        Directory.CreateDirectory(folder);
        var empty = watcher.Rescan();
        Assert.Equal(0, empty.Deleted);
        Assert.Contains(FolderWatcher.MarkerFileName, empty.Held, StringComparison.Ordinal);
        Assert.Equal(5, vault.List("note").Count);
        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public void MarkerPresent_AllFilesDeleted_DeletionsAreBelieved()
    {
        using var rig = new Rig();
        var (vault, folder) = VaultWithNotes(rig, 3);
        using var watcher = new FolderWatcher(vault, folder);
        foreach (var file in Directory.GetFiles(folder, "*.md"))
        {
            File.Delete(file);
        }

        Assert.Equal(3, watcher.Rescan().Deleted);
        Assert.Empty(vault.List("note"));
    }
}
