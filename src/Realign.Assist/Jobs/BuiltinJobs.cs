using System.Text;
using System.Text.RegularExpressions;
using Realign.Assist.Builtin;

namespace Realign.Assist.Jobs;

/// <summary>The jobs of the built-in assistant: deterministic, offline, from the note's own words.</summary>
internal static partial class BuiltinJobs
{
    public static (IReadOnlyList<AssistOutput> Outputs, string? Text) Run(AssistJob job, AssistSource source, string? prompt)
    {
        switch (job)
        {
            case AssistJob.Summarise:
                var sentences = ExtractiveSummary.Summarise(source.Title, source.Body);
                if (sentences.Count == 0)
                {
                    return ([], null);
                }

                var summary = string.Join(" ", sentences.Select(s => s.Text.Trim()));
                return ([JobOutputs.Summary(source, summary)], summary);
            case AssistJob.Tags:
                var tags = TagSuggester.Suggest(source.Title, source.Body);
                return (JobOutputs.Tags(source, tags), string.Join(", ", tags));
            case AssistJob.Tasks:
                var tasks = TaskExtractor.Extract(source.Body);
                return (JobOutputs.Tasks(source, tasks), string.Join("\n", tasks.Select(t => t.Title)));
            case AssistJob.Draft:
                var tidy = Tidy(source.Body);
                return (JobOutputs.Draft(source, tidy), tidy);
            case AssistJob.Ask:
                var answer = Answer(source, prompt!);
                return answer.Length == 0 ? ([], null) : ([JobOutputs.Answer(source, prompt!, answer)], answer);
            default:
                throw new ArgumentOutOfRangeException(nameof(job), job, "unknown job");
        }
    }

    /// <summary>A tidy rewrite: trailing spaces gone, runs of blank lines cut to one, <c>*</c> and <c>+</c> bullets as
    /// <c>-</c>, <c>TODO</c> lines as open checkboxes, one final newline. Text inside code fences is left as written.</summary>
    public static string Tidy(string body)
    {
        var lines = body.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new StringBuilder(body.Length);
        var blank = 0;
        var fenced = false;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced)
            {
                if (line.Length == 0)
                {
                    if (++blank > 1 || output.Length == 0)
                    {
                        continue;
                    }
                }
                else
                {
                    blank = 0;
                    line = BulletPattern().Replace(line, "$1- ");
                    line = TodoPattern().Replace(line, "$1- [ ] ");
                }
            }

            output.Append(line).Append('\n');
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The sentences of the note closest to the prompt's words (at most two, in the note's order).</summary>
    private static string Answer(AssistSource source, string prompt)
    {
        var sentences = ExtractiveSummary.Summarise(source.Title, source.Body, int.MaxValue);
        var candidates = sentences.Select((s, i) => new RelatedCandidate(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture), "", s.Text)).ToList();
        var best = RelatedNotes.Rank(new RelatedCandidate("prompt", "", prompt), candidates, 2)
            .Select(r => int.Parse(r.Id, System.Globalization.CultureInfo.InvariantCulture))
            .Order()
            .Select(i => sentences[i].Text.Trim());
        return string.Join(" ", best);
    }

    [GeneratedRegex(@"^(\s*)[*+]\s+", RegexOptions.CultureInvariant)]
    private static partial Regex BulletPattern();

    [GeneratedRegex(@"^(\s*)(?:-\s+)?(?:TODO|todo|ToDo)\s*[:\-]?\s+", RegexOptions.CultureInvariant)]
    private static partial Regex TodoPattern();
}
