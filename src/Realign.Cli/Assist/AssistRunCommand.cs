using System.ComponentModel;
using Realign.Assist.Hosting;
using Realign.Assist.Jobs;
using Realign.Cli.Vault;
using Realign.Vault;
using Realign.Vault.Assist;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign assist run [--job J] [--provider NAME] [--prompt TEXT] [ENTITY]</c>.</summary>
internal sealed class AssistRunCommand : AsyncCommand<AssistRunCommand.Settings>
{
    /// <summary>The exit code when some runs failed (each is one <c>error:</c> line).</summary>
    public const int ExitSomeFailed = 4;

    internal sealed class Settings : VaultListSettings
    {
        [CommandArgument(0, "[ENTITY]")]
        [Description("The entity (type/id, or the id of a note or task); every note when left out.")]
        public string? Entity { get; set; }

        [CommandOption("--job <JOB>")]
        [Description("summarise, tags, tasks, draft, ask or embed (default: summarise).")]
        public string Job { get; set; } = "summarise";

        [CommandOption("--provider <NAME>")]
        [Description("The provider (default: assist.json's default, else the built-in assistant).")]
        public string? Provider { get; set; }

        [CommandOption("--prompt <TEXT>")]
        [Description("The question of an ask.")]
        public string? Prompt { get; set; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        AssistJob job;
        try
        {
            job = AssistJobs.Parse(settings.Job);
        }
        catch (FormatException ex)
        {
            throw new VaultException(ex.Message, ex);
        }

        if (job == AssistJob.Ask && string.IsNullOrWhiteSpace(settings.Prompt))
        {
            throw new VaultException("an ask needs --prompt \"your question\"");
        }

        using var vault = VaultSession.Open(settings);
        using var assistant = await AssistSession.CreateAsync(vault, settings.Provider, cancellationToken);
        var replica = new VaultAssistReplica(vault);
        var targets = settings.Entity is { } reference
            ? [VaultSession.FindEntity(vault, reference)]
            : vault.List("note");
        var results = new List<(VaultEntity Entity, AssistResult Result)>();
        var progress = targets.Count > 1 && !Console.IsErrorRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        async Task RunAll(ProgressTask? task)
        {
            foreach (var entity in targets)
            {
                var result = await AssistRunner.RunAsync(replica, assistant, job, entity.EntityType, entity.EntityId, settings.Prompt, cancellationToken);
                results.Add((entity, result));
                task?.Increment(1);
            }
        }

        if (progress)
        {
            await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(ctx => RunAll(ctx.AddTask(job.ToName(), maxValue: targets.Count)));
        }
        else
        {
            await RunAll(null);
        }

        var failed = results.Count(r => !r.Result.Succeeded);
        if (settings.Json)
        {
            JsonOut.Write(w =>
            {
                w.WriteStartArray();
                foreach (var (entity, result) in results)
                {
                    w.WriteStartObject();
                    w.WriteString("entity_type", entity.EntityType);
                    w.WriteString("entity_id", entity.EntityId);
                    w.WriteString("job", job.ToName());
                    w.WriteString("provider", result.Usage.Provider);
                    w.WriteNumber("level", (int)result.Usage.Level);
                    w.WriteString("origin", result.Usage.Origin);
                    w.WriteString("exposure", result.Usage.Exposure);
                    w.WriteString("outcome", result.Usage.Outcome);
                    w.NullableString("error", result.Usage.Error);
                    w.NullableString("text", result.Text);
                    w.WriteStartArray("outputs");
                    foreach (var output in result.Outputs)
                    {
                        w.WriteStartObject();
                        switch (output)
                        {
                            case FieldSuggestion f:
                                w.WriteString("kind", "suggestion");
                                w.WriteString("field", f.Field);
                                w.Raw("value", f.Value);
                                break;
                            case DerivedEntity d:
                                w.WriteString("kind", "entity");
                                w.WriteString("entity_type", d.EntityType);
                                w.WriteString("entity_id", d.EntityId);
                                break;
                            case DerivedRemoval r:
                                w.WriteString("kind", "removal");
                                w.WriteString("entity_type", r.EntityType);
                                w.WriteString("entity_id", r.EntityId);
                                break;
                        }

                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteString("usage_id", result.Usage.Id);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }
        else
        {
            foreach (var (entity, result) in results.Where(r => r.Result.Succeeded))
            {
                Print(entity, result);
            }

            if (results.Count == 0)
            {
                AnsiConsole.MarkupLine("[grey]no notes to run on[/]");
            }
            else if (targets.Count > 1)
            {
                AnsiConsole.MarkupLine($"[green]{results.Count - failed} of {results.Count} ran[/] with {Markup.Escape(assistant.Provider.Options.Name)} at level {Show.Level(assistant.Provider.Level)}; see 'realign suggestions'");
            }
        }

        foreach (var (entity, result) in results.Where(r => !r.Result.Succeeded))
        {
            await Console.Error.WriteLineAsync($"error: {job.ToName()} {entity.EntityType}/{entity.EntityId} with {result.Usage.Provider}: {result.Usage.Outcome}: {result.Usage.Error}");
        }

        return failed > 0 ? ExitSomeFailed : 0;
    }

    private static void Print(VaultEntity entity, AssistResult result)
    {
        var outputs = result.Outputs.Count == 0 ? "nothing new to suggest" : string.Join(", ", result.Outputs.Select(o => o switch
        {
            FieldSuggestion f => $"a suggestion for {f.Field}",
            DerivedEntity d => $"{d.EntityType}/{d.EntityId}",
            DerivedRemoval r => $"{r.EntityType}/{r.EntityId} removed",
            _ => "?",
        }));
        AnsiConsole.MarkupLine($"[green]{Markup.Escape(result.Job.ToName())}[/] {Markup.Escape(entity.EntityType)}/{Markup.Escape(entity.EntityId)} by {Markup.Escape(result.Usage.Origin)} (level {(int)result.Usage.Level}, exposure {Markup.Escape(result.Usage.Exposure)}): {Markup.Escape(outputs)}");
        if (result.Text is { Length: > 0 } text)
        {
            AnsiConsole.WriteLine(text);
        }
    }
}
