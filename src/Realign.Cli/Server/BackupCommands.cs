using System.ComponentModel;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary><c>realign admin backup FILE [--data DIR]</c>: a consistent copy of the SQLite store, taken while it serves.</summary>
internal sealed class AdminBackupCommand : Command<AdminBackupCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("The new backup file (never overwritten).")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Postgres is not null)
        {
            throw new Realign.Vault.VaultException("a PostgreSQL store is backed up with pg_dump -Fc and restored with pg_restore (docs/operations.md, \"Backup and restore\")");
        }

        long bytes;
        try
        {
            bytes = SqliteBackups.BackupFile(settings.SqlitePath, settings.File);
        }
        catch (IOException ex)
        {
            throw new Realign.Vault.VaultException(ex.Message, ex);
        }

        AnsiConsole.MarkupLine($"[green]backed up[/] {Markup.Escape(settings.Describe())} to {Markup.Escape(Path.GetFullPath(settings.File))} ({bytes:N0} bytes); keep secrets.key beside it");
        return 0;
    }
}

/// <summary><c>realign admin restore FILE [--data DIR]</c>: puts a backup in place of the SQLite store (the server stopped).</summary>
internal sealed class AdminRestoreCommand : Command<AdminRestoreCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A backup made by 'realign admin backup'.")]
        public string File { get; init; } = "";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Postgres is not null)
        {
            throw new Realign.Vault.VaultException("a PostgreSQL store is restored with pg_restore (docs/operations.md, \"Backup and restore\")");
        }

        string? aside;
        try
        {
            aside = SqliteBackups.Restore(settings.File, settings.SqlitePath, "entities");
        }
        catch (IOException ex)
        {
            throw new Realign.Vault.VaultException(ex.Message, ex);
        }

        AnsiConsole.MarkupLine($"[green]restored[/] {Markup.Escape(Path.GetFullPath(settings.File))} to {Markup.Escape(settings.Describe())}"
            + (aside is null ? "" : $"; the database that was there is kept as {Markup.Escape(aside)}"));
        return 0;
    }
}
