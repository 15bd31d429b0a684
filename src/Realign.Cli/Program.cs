using Realign.Cli;
using Realign.Cli.Server;
using Realign.Cli.Vault;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("realign");
    config.PropagateExceptions();
    ServerCommands.Register(config);
    VaultCommands.Register(config);
});

return await CliErrors.RunAsync(() => app.RunAsync(args));
