using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary>The server side of the CLI: serve, admin tenant, admin token.</summary>
internal static class ServerCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
    }
}
