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
        config.AddBranch("automation", automation =>
        {
            automation.SetDescription("Rules that act on your notes and tasks at level 2: a trigger and actions.");
            automation.AddCommand<AutomationAddCommand>("add").WithDescription("Add a rule: when (--on, --type, --tag, --cron) and what (--create-task, --set, --add-tag, --assist...).");
            automation.AddCommand<AutomationListCommand>("list").WithDescription("List rules with their last run.");
            automation.AddCommand<AutomationShowCommand>("show").WithDescription("Show a rule.");
            automation.AddCommand<AutomationRunCommand>("run").WithDescription("Run a pass now (local-first vaults), or one rule on an entity.");
            automation.AddCommand<AutomationDisableCommand>("disable").WithDescription("Stop a rule.");
            automation.AddCommand<AutomationEnableCommand>("enable").WithDescription("Start a stopped rule again.");
        });
        config.AddBranch("policy", policy =>
        {
            policy.SetDescription("The tenant's exposure policy: what each AI level may read.");
            policy.AddCommand<PolicyShowCommand>("show").WithDescription("Show the exposure policy (from the server; the cached copy when offline).");
            policy.AddCommand<PolicySetCommand>("set").WithDescription("Change what a level may read (the tenant's owner only).");
        });
    }
}
