using System.Globalization;
using System.Text;

namespace Realign.Benchmarks;

/// <summary>The folder of Markdown notes the vault bench imports: <c>n0000001.md</c> and on, about 300 bytes each.</summary>
/// <remarks>Each note is a heading, a paragraph of about 270 characters drawn from a small vocabulary (as real notes repeat
/// their words), and one of <see cref="Tags"/> tags. The same seed writes the same files.</remarks>
internal static class NoteFiles
{
    /// <summary>The number of distinct tags across the notes.</summary>
    public const int Tags = 20;

    private const int BodyChars = 270;

    private static readonly string[] Words =
    [
        "meeting", "project", "review", "draft", "plan", "notes", "idea", "follow", "up", "with", "the", "team", "on",
        "budget", "deadline", "next", "week", "call", "client", "about", "design", "and", "release", "list", "of",
        "open", "questions", "for", "a", "short", "summary", "to", "read", "later", "check", "numbers", "before",
        "sending", "report", "update", "garden", "book", "trip", "train", "tickets", "recipe", "bread", "shopping",
        "friday", "monday", "morning", "evening", "ask", "send", "write", "fix", "bug", "in", "sync", "server",
    ];

    /// <summary>The file name of note <paramref name="index"/> (from 1).</summary>
    public static string FileName(int index) => string.Create(CultureInfo.InvariantCulture, $"n{index:D7}.md");

    /// <summary>Writes <paramref name="count"/> notes into <paramref name="folder"/> (created if missing) and returns their total size in bytes.</summary>
    public static long Write(string folder, int count, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(seed);
        var text = new StringBuilder(BodyChars + 64);
        long bytes = 0;
        for (var i = 1; i <= count; i++)
        {
            text.Clear();
            text.Append(CultureInfo.InvariantCulture, $"# Note {i}\n\n");
            var bodyStart = text.Length;
            while (text.Length - bodyStart < BodyChars)
            {
                if (text.Length > bodyStart)
                {
                    text.Append(' ');
                }

                text.Append(Words[random.Next(Words.Length)]);
            }

            text.Append(CultureInfo.InvariantCulture, $".\n\n#tag{(i % Tags) + 1}\n");
            var content = Encoding.UTF8.GetBytes(text.ToString());
            File.WriteAllBytes(Path.Combine(folder, FileName(i)), content);
            bytes += content.Length;
        }

        return bytes;
    }
}
