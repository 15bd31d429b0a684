using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Realign.Assist.Jobs;
using Realign.Cli.Assist;
using Realign.Vault;
using Realign.Vault.Search;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary><c>realign search "QUERY" [--top N] [--provider NAME] [--keywords-only]</c>: meaning and exact words, fused.</summary>
internal sealed class SearchCommand : AsyncCommand<SearchCommand.Settings>
{
    internal sealed class Settings : VaultListSettings
    {
        [CommandArgument(0, "<QUERY>")]
        [Description("The words to find.")]
        public string Query { get; set; } = "";

        [CommandOption("--top <N>")]
        [Description("How many results (1-100, default 10).")]
        public int Top { get; set; } = 10;

        [CommandOption("--provider <NAME>")]
        [Description("The embedding model's provider (default: assist.json's default, else the built-in all-MiniLM-L6-v2).")]
        public string? Provider { get; set; }

        [CommandOption("--keywords-only")]
        [Description("Rank by keywords alone: no model is loaded or called.")]
        public bool KeywordsOnly { get; set; }

        public override ValidationResult Validate() =>
            string.IsNullOrWhiteSpace(Query) ? ValidationResult.Error("give the words to search for: realign search \"boiler noise\"")
            : Top is < 1 or > 100 ? ValidationResult.Error($"--top is {Top}; give 1 to 100")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        using var assistant = settings.KeywordsOnly ? null : await AssistSession.CreateAsync(vault, settings.Provider, cancellationToken);
        var search = new VaultSearch(vault);
        var report = await EmbedProgress.RunAsync(progress => search.SearchAsync(settings.Query, settings.Top, assistant, progress, cancellationToken));
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("query", settings.Query);
                w.NullableString("model", report.Model);
                w.NullableString("keywords_only", report.KeywordsOnly);
                w.WriteNumber("embedded", report.Embedded);
                SearchOutput.WriteResults(w, report.Results);
                w.WriteEndObject();
            });
        }

        if (report.KeywordsOnly is { } why && !settings.KeywordsOnly)
        {
            AnsiConsole.MarkupLine($"[yellow]keywords only[/]: {Markup.Escape(why)}");
        }

        SearchOutput.Print(report.Results, "no notes or tasks match");
        return 0;
    }
}

/// <summary><c>realign related ENTITY [--top N] [--provider NAME]</c>: the notes closest in meaning.</summary>
internal sealed class RelatedCommand : AsyncCommand<RelatedCommand.Settings>
{
    internal sealed class Settings : VaultListSettings
    {
        [CommandArgument(0, "<ENTITY>")]
        [Description("The note or task (type/id, or the id of a note or task).")]
        public string Entity { get; set; } = "";

        [CommandOption("--top <N>")]
        [Description("How many results (1-100, default 5).")]
        public int Top { get; set; } = 5;

        [CommandOption("--provider <NAME>")]
        [Description("The embedding model's provider (default: assist.json's default, else the built-in all-MiniLM-L6-v2).")]
        public string? Provider { get; set; }

        public override ValidationResult Validate() =>
            Top is < 1 or > 100 ? ValidationResult.Error($"--top is {Top}; give 1 to 100") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        var entity = VaultSession.FindEntity(vault, settings.Entity);
        using var assistant = await AssistSession.CreateAsync(vault, settings.Provider, cancellationToken);
        var search = new VaultSearch(vault);
        var report = await EmbedProgress.RunAsync(progress => search.EmbedAsync(assistant, progress, cancellationToken: cancellationToken));
        if (report.Model is null)
        {
            throw new VaultException($"the exposure policy gives level {(int)assistant.Provider.Level} no text to embed; related notes need embeddings (see 'realign policy show')");
        }

        if (report.Error is { } error)
        {
            throw new VaultException($"the embedding model failed: {error}");
        }

        var related = search.Related(entity.EntityType, entity.EntityId, report.Model, settings.Top);
        if (settings.Json)
        {
            return JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteString("entity_type", entity.EntityType);
                w.WriteString("entity_id", entity.EntityId);
                w.WriteString("model", report.Model);
                SearchOutput.WriteResults(w, related);
                w.WriteEndObject();
            });
        }

        SearchOutput.Print(related, $"nothing related to {entity.EntityType}/{entity.EntityId} (it has no text, or nothing else has)");
        return 0;
    }
}

/// <summary><c>realign embed [--all] [--provider NAME]</c>: brings the embeddings up to date.</summary>
internal sealed class EmbedCommand : AsyncCommand<EmbedCommand.Settings>
{
    internal sealed class Settings : VaultListSettings
    {
        [CommandOption("--all")]
        [Description("Check every note and task again, not only those changed since the last run.")]
        public bool All { get; set; }

        [CommandOption("--provider <NAME>")]
        [Description("The embedding model's provider (default: assist.json's default, else the built-in all-MiniLM-L6-v2).")]
        public string? Provider { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var vault = VaultSession.Open(settings);
        using var assistant = await AssistSession.CreateAsync(vault, settings.Provider, cancellationToken);
        var report = await EmbedProgress.RunAsync(progress => new VaultSearch(vault).EmbedAsync(assistant, progress, settings.All, cancellationToken));
        if (settings.Json)
        {
            JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.NullableString("model", report.Model);
                w.WriteNumber("level", (int)assistant.Provider.Level);
                w.WriteString("origin", assistant.Provider.Origin.Value);
                w.WriteString("exposure", assistant.Exposure.ToString().ToLowerInvariant());
                w.WriteNumber("checked", report.Checked);
                w.WriteNumber("embedded", report.Embedded);
                w.WriteNumber("removed", report.Removed);
                w.WriteNumber("skipped_sealed", report.Skipped);
                w.NullableString("error", report.Error);
                w.WriteEndObject();
            });
        }
        else if (report.Model is null)
        {
            AnsiConsole.MarkupLine($"[yellow]nothing embedded[/]: the exposure policy gives level {(int)assistant.Provider.Level} no text to read");
        }
        else
        {
            AnsiConsole.MarkupLine($"[green]{report.Embedded} embedded[/], {report.Removed} removed, {report.Checked} checked with {Markup.Escape(report.Model)} as {Markup.Escape(assistant.Provider.Origin.Value)} (level {(int)assistant.Provider.Level})"
                + (report.Skipped > 0 ? $"; {report.Skipped} sealed notes skipped" : ""));
        }

        if (report.Error is { } error)
        {
            await Console.Error.WriteLineAsync($"error: the embedding model failed: {error}; the rest are embedded next time");
            return AssistRunCommand.ExitSomeFailed;
        }

        return report.Model is null ? AssistRunCommand.ExitSomeFailed : 0;
    }
}

/// <summary>Shows embedding progress on stderr when it is a terminal.</summary>
internal static class EmbedProgress
{
    public static async Task<T> RunAsync<T>(Func<IProgress<(int Done, int Total)>?, Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            return await work(null);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        T result = default!;
        await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("embedding", autoStart: true, maxValue: 1);
                result = await work(new Progress<(int Done, int Total)>(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }
}

/// <summary>Prints search results as a table or JSON.</summary>
internal static class SearchOutput
{
    public static void WriteResults(Utf8JsonWriter w, IReadOnlyList<VaultSearchResult> results)
    {
        w.WriteStartArray("results");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("entity_type", r.Hit.SourceType);
            w.WriteString("entity_id", r.Hit.SourceId);
            w.WriteString("title", r.Title);
            w.WriteNumber("score", Math.Round(r.Hit.Score, 6));
            if (r.Hit.Vector is { } v)
            {
                w.WriteStartObject("vector");
                w.WriteNumber("rank", v.Rank);
                w.WriteNumber("similarity", Math.Round(v.Hit.Score, 6));
                w.WriteString("embedding_id", v.Hit.EmbeddingId);
                w.WriteNumber("chunk", v.Hit.Chunk);
                w.WriteNumber("start", v.Hit.Start);
                w.WriteNumber("length", v.Hit.Length);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("vector");
            }

            if (r.Hit.KeywordRank is { } k)
            {
                w.WriteNumber("keyword_rank", k);
            }
            else
            {
                w.WriteNull("keyword_rank");
            }

            w.WriteString("snippet", r.Snippet);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void Print(IReadOnlyList<VaultSearchResult> results, string none)
    {
        if (results.Count == 0)
        {
            AnsiConsole.MarkupLine($"[grey]{Markup.Escape(none)}[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple).AddColumns("#", "entity", "title", "score", "found by", "snippet");
        var place = 0;
        foreach (var r in results)
        {
            var by = string.Join(", ", new[]
            {
                r.Hit.Vector is { } v ? $"meaning #{v.Rank} ({v.Hit.Score.ToString("0.00", CultureInfo.InvariantCulture)}, piece {v.Hit.Chunk})" : null,
                r.Hit.KeywordRank is { } k ? $"words #{k}" : null,
            }.Where(s => s is not null));
            table.AddRow(
                (++place).ToString(CultureInfo.InvariantCulture),
                Markup.Escape($"{r.Hit.SourceType}/{r.Hit.SourceId}"),
                Markup.Escape(r.Title),
                r.Hit.Score.ToString("0.0000", CultureInfo.InvariantCulture),
                Markup.Escape(by),
                Markup.Escape(r.Snippet));
        }

        AnsiConsole.Write(table);
    }
}
