using Realign.Cli;
using Realign.Cli.Assist;
using Realign.Cli.Server;
using Realign.Cli.Vault;
using Spectre.Console.Cli;

// Piped output is for scripts and other programs: never wrap a line or cut a value to a terminal's width.
if (Console.IsOutputRedirected)
{
    Spectre.Console.AnsiConsole.Console.Profile.Width = 1_000_000;
}

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("realign");
    config.PropagateExceptions();
    config.UseStrictParsing();
    ServerCommands.Register(config);
    VaultCommands.Register(config);
    AssistCommands.Register(config);
});

return await CliErrors.RunAsync(() => app.RunAsync(CliArguments.BindTextValues(args)));
