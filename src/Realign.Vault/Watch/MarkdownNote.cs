using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Realign.Vault.Watch;

/// <summary>A note as a Markdown file: title, body and tags, read from front matter, the first heading or #hashtags.</summary>
/// <remarks>Title: front matter <c>title:</c>, else the first <c># </c> heading, else the file name. Tags: front matter
/// <c>tags:</c> (a list or comma-separated text), else the #hashtags of the body. Body: the text after the front matter.</remarks>
public sealed partial record MarkdownNote(string Title, string Body, IReadOnlyList<string> Tags)
{
    /// <summary>Reads a file's text.</summary>
    public static MarkdownNote Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.ReplaceLineEndings("\n");
        string? title = null;
        List<string>? tags = null;
        var body = text;
        if (text.StartsWith("---\n", StringComparison.Ordinal))
        {
            var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
            if (end > 0)
            {
                var yaml = text[4..(end + 1)];
                var after = text.IndexOf('\n', end + 4);
                body = after < 0 ? "" : text[(after + 1)..];
                (title, tags) = ReadFrontMatter(yaml);
            }
        }

        title ??= Heading().Match(body) is { Success: true } m ? m.Groups[1].Value.Trim() : Path.GetFileNameWithoutExtension(fileName);
        tags ??= Hashtag().Matches(body).Select(x => x.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        return new MarkdownNote(title, body, tags);
    }

    /// <summary>The file text for this note: YAML front matter with title and tags, then the body.</summary>
    public string Render()
    {
        var front = new Dictionary<string, object> { ["title"] = Title };
        if (Tags.Count > 0)
        {
            front["tags"] = Tags.ToList();
        }

        var yaml = new SerializerBuilder().Build().Serialize(front);
        var sb = new StringBuilder();
        sb.Append("---\n").Append(yaml.ReplaceLineEndings("\n")).Append("---\n").Append(Body);
        return sb.ToString();
    }

    private static (string? Title, List<string>? Tags) ReadFrontMatter(string yaml)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                return (null, null);
            }

            string? title = null;
            List<string>? tags = null;
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value;
                if (key == "title" && v is YamlScalarNode t)
                {
                    title = t.Value;
                }
                else if (key == "tags")
                {
                    tags = v switch
                    {
                        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList(),
                        YamlScalarNode s => (s.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
                        _ => null,
                    };
                }
            }

            return (title, tags);
        }
        catch (YamlDotNet.Core.YamlException)
        {
            return (null, null);
        }
    }

    [GeneratedRegex(@"^# (.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?<=^|\s)#([\p{L}\p{N}_][\p{L}\p{N}_\-/]*)", RegexOptions.Multiline)]
    private static partial Regex Hashtag();
}
