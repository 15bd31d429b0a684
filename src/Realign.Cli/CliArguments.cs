namespace Realign.Cli;

/// <summary>Prepares the command line for the parser.</summary>
internal static class CliArguments
{
    // Options whose value is free text: the next argument is always their value, so a title, body or value may start
    // with '-' and a body file may be '-' (standard input), as in most command-line tools.
    private static readonly HashSet<string> TextOptions = new(StringComparer.Ordinal)
    {
        "--title", "--body", "--body-file", "--tags", "--due", "--edit", "--value", "--passphrase-file", "--key-file",
    };

    /// <summary>Joins each free-text option with the argument after it (<c>--title -x</c> becomes <c>--title=-x</c>).</summary>
    public static string[] BindTextValues(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--")
            {
                result.AddRange(args[i..]);
                break;
            }

            if (TextOptions.Contains(args[i]) && i + 1 < args.Length && args[i + 1].StartsWith('-'))
            {
                result.Add(args[i] + "=" + args[i + 1]);
                i++;
                continue;
            }

            result.Add(args[i]);
        }

        return [.. result];
    }
}
