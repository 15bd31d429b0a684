namespace Realign.Testing;

/// <summary>The repository the tests run from (the folder of <c>Realign.slnx</c>), for tests that read its docs.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "Realign.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"no Realign.slnx above {AppContext.BaseDirectory}");
    });

    /// <summary>The repository's root folder.</summary>
    public static string Root => RootPath.Value;

    /// <summary>A file of the repository, by its path from the root (e.g. <c>docs/configuration.md</c>).</summary>
    public static string File(string path) => System.IO.Path.Combine(Root, path);
}
