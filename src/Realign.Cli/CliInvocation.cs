namespace Realign.Cli;

/// <summary>How to run this very <c>realign</c> again from a shell, for command lines the CLI prints to be pasted.</summary>
/// <remarks><c>realign</c> when that name on the PATH is this program; otherwise the full path of the running program (the
/// apphost that <c>dotnet run</c> starts, a .NET tool shim), or <c>dotnet PATH/realign.dll</c> when the muxer runs it.</remarks>
internal static class CliInvocation
{
    public static string Command { get; } = Find();

    /// <summary>Quotes a path or argument for a POSIX shell when it holds anything but safe characters.</summary>
    public static string Quote(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '=' or ':' or '~' or '+' or ',' or '@')
            ? text
            : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Find()
    {
        var process = Environment.ProcessPath;
        if (process is null)
        {
            return "realign";
        }

        if (Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            // Under the muxer the app is a realign.dll beside this assembly (a single-file build never runs under it).
            return $"{Quote(process)} {Quote(Path.Combine(AppContext.BaseDirectory, "realign.dll"))}";
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, Path.GetFileName(process)))
            .FirstOrDefault(File.Exists);
        return onPath is not null && SameFile(onPath, process) && Path.GetFileNameWithoutExtension(process) == "realign" ? "realign" : Quote(process);
    }

    private static bool SameFile(string a, string b)
    {
        try
        {
            var ra = new FileInfo(a).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(a);
            var rb = new FileInfo(b).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(b);
            return ra == rb;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
