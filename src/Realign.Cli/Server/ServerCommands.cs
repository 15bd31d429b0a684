using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary>The server side of the CLI: serve, admin tenant, admin token.</summary>
internal static class ServerCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddCommand<ServeCommand>("serve").WithDescription("Run the sync server (SQLite under ./realign-data by default).");
        config.AddBranch("admin", admin =>
        {
            admin.SetDescription("Administer the server's store directly (tenants, tokens, channel policies, confirmations).");
            admin.AddCommand<ConfigCommand>("config").WithDescription("Show every server setting in effect and where it came from (appsettings.json, REALIGN_... variables, defaults).");
            admin.AddCommand<AdminRestoredCommand>("restored").WithDescription("Mark a store restored by other means (pg_restore): a new epoch, so every vault pushes its own changes again.");
            admin.AddCommand<RetentionCommand>("retention").WithDescription("Remove history older than the Retention setting from every tenant now (servers also do it every RetentionInterval).");
            admin.AddCommand<AdminBackupCommand>("backup").WithDescription("Copy the SQLite store to a new file, consistent while the server runs.");
            admin.AddCommand<AdminRestoreCommand>("restore").WithDescription("Put a backup in place of the SQLite store (stop the server first; the old database is kept aside).");
            admin.AddBranch("tenant", tenant =>
            {
                tenant.SetDescription("Tenants.");
                tenant.AddCommand<TenantAddCommand>("add").WithDescription("Create a tenant; prints its id.");
                tenant.AddCommand<TenantListCommand>("list").WithDescription("List tenants.");
            });
            admin.AddBranch("token", token =>
            {
                token.SetDescription("Tokens.");
                token.AddCommand<TokenAddCommand>("add").WithDescription("Create a token; prints it once.");
                token.AddCommand<TokenListCommand>("list").WithDescription("List a tenant's principals.");
                token.AddCommand<TokenRevokeCommand>("revoke").WithDescription("Revoke a principal's token.");
                token.AddCommand<TokenRenameCommand>("rename").WithDescription("Rename a principal (its label).");
                token.AddCommand<AdminTokenRotateCommand>("rotate-admin").WithDescription("Replace every admin token with a new one; prints it once.");
            });
            admin.AddBranch("channels", channels =>
            {
                channels.SetDescription("A tenant's channel policy: what each channel writes, and what needs a confirmation (docs/channels.md).");
                channels.AddCommand<ChannelsShowCommand>("show").WithDescription("Show the channel policy.");
                channels.AddCommand<ChannelsSetCommand>("set").WithDescription("Change one channel's rule.");
            });
            admin.AddBranch("confirm", confirm =>
            {
                confirm.SetDescription("The confirmations (TOTP, PIN) of a tenant's user.");
                confirm.AddCommand<ConfirmResetCommand>("reset").WithDescription("Remove the user's authenticator and PIN and clear a lockout.");
            });
        });
    }
}
