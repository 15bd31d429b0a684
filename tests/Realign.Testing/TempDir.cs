namespace Realign.Testing;

/// <summary>A fresh folder under the system temp folder, removed on dispose: the one temp-folder helper of the tests.</summary>
/// <remarks>Dispose first releases SQLite's pooled connections (a pooled handle would keep a database file of the folder
/// open), then deletes the folder; a folder that cannot be deleted is left behind, never an error.</remarks>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "realign-test-")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), prefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
