using Spectre.Console.Cli;

namespace Realign.Cli.Assist;

/// <summary>The assistant, policy and automation side of the CLI.</summary>
internal static class AssistCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("assist", assist =>
        {
            assist.SetDescription("Assistants that propose: summaries, tags, tasks, drafts and answers about your notes.");
            assist.AddCommand<AssistRunCommand>("run").WithDescription("Run a job on a note (or on every note) with a provider; outputs are suggestions.");
            assist.AddBranch("providers", providers =>
            {
                providers.SetDescription("The assistants this vault may call, with the level each writes at.");
                providers.SetDefaultCommand<ProvidersListCommand>();
                providers.AddCommand<ProvidersListCommand>("list").WithDescription("List providers with their level and origin.");
                providers.AddCommand<ProvidersAddCommand>("add").WithDescription("Add (or replace) a provider: an OpenAI-compatible or Ollama endpoint and where it runs.");
                providers.AddCommand<ProvidersRemoveCommand>("remove").WithDescription("Remove a provider.");
            });
            assist.AddCommand<AssistUsageCommand>("usage").WithDescription("The usage record of every assistant call: level, exposure, redactions, tokens, latency, outcome.");
        });
        config.AddBranch("policy", policy =>
        {
            policy.SetDescription("The tenant's exposure policy: what each AI level may read.");
            policy.AddCommand<PolicyShowCommand>("show").WithDescription("Show the exposure policy (from the server; the cached copy when offline).");
            policy.AddCommand<PolicySetCommand>("set").WithDescription("Change what a level may read (the tenant's owner only).");
        });
    }
}
