namespace Realign.Web.Tests;

/// <summary>Where screenshots go: <c>docs/screenshots</c> when <c>REALIGN_SCREENSHOTS=1</c> (to refresh the README's), else a
/// folder under the temp directory, so a test run never changes the repository.</summary>
public static class Shots
{
    public static string Path(string name)
    {
        var folder = Environment.GetEnvironmentVariable("REALIGN_SCREENSHOTS") == "1"
            ? System.IO.Path.Combine(RepoRoot(), "docs", "screenshots")
            : System.IO.Path.Combine(System.IO.Path.GetTempPath(), "realign-screenshots");
        Directory.CreateDirectory(folder);
        return System.IO.Path.Combine(folder, name);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Realign.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the repository root was not found");
    }
}
