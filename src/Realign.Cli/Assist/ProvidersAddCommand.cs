using System.ComponentModel;
using Realign.Cli.Vault;
using Realign.Vault;
using Realign.Vault.Assist;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary><c>realign assist providers add NAME --kind K --placement P --endpoint URL --model M [--api-key-env VAR]</c>.</summary>
internal sealed class ProvidersAddCommand : Command<ProvidersAddCommand.Settings>
{
    internal sealed class Settings : VaultCommandSettings
    {
        [CommandArgument(0, "<NAME>")]
        public string Name { get; set; } = "";

        [CommandOption("--kind <KIND>")]
        [Description("openai (any OpenAI-compatible endpoint: Ollama, vLLM, llama.cpp, LM Studio, OpenRouter...) or ollama (Ollama's own API).")]
        public string Kind { get; set; } = "openai";

        [CommandOption("--placement <WHERE>")]
        [Description("Where it runs: local (this machine, level 3), lan (your network, level 4) or cloud (level 5). Checked against the endpoint.")]
        public string? Placement { get; set; }

        [CommandOption("--endpoint <URL>")]
        [Description("The endpoint, e.g. http://127.0.0.1:11434/v1 (OpenAI-compatible) or http://127.0.0.1:11434 (ollama).")]
        public string? Endpoint { get; set; }

        [CommandOption("--model <MODEL>")]
        public string? Model { get; set; }

        [CommandOption("--api-key-env <VAR>")]
        [Description("The environment variable holding its key (the key itself is never stored).")]
        public string? ApiKeyEnv { get; set; }

        [CommandOption("--timeout <SECONDS>")]
        public int? Timeout { get; set; }

        [CommandOption("--default")]
        [Description("Make it the provider used when none is named.")]
        public bool Default { get; set; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Placement is null || settings.Endpoint is null || settings.Model is null)
        {
            throw new VaultException("give --placement local|lan|cloud, --endpoint URL and --model MODEL");
        }

        using var vault = VaultSession.Open(settings);
        var config = AssistSettings.Load(vault.Directory);
        config.Providers.RemoveAll(p => string.Equals(p.Name, settings.Name, StringComparison.OrdinalIgnoreCase));
        config.Providers.Add(new ProviderEntry
        {
            Name = settings.Name,
            Kind = settings.Kind,
            Placement = settings.Placement,
            Endpoint = settings.Endpoint,
            Model = settings.Model,
            ApiKeyEnv = settings.ApiKeyEnv,
            TimeoutSeconds = settings.Timeout,
        });
        if (settings.Default)
        {
            config.Default = settings.Name;
        }

        config.Save(vault.Directory);
        var (identity, _) = config.Find(settings.Name);
        AnsiConsole.MarkupLine($"[green]provider {Markup.Escape(settings.Name)}[/]: writes at level {Show.Level(identity.Level)} as {Markup.Escape(identity.Origin.Value)}; may read: {Realign.Core.Contract.Exposures.ToWire(vault.ExposurePolicy.For(identity.Level))}");
        return 0;
    }
}
