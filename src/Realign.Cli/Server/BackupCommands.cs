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
internal sealed class AdminRestoreCommand : AsyncCommand<AdminRestoreCommand.Settings>
{
    internal sealed class Settings : StoreSettings
    {
        [CommandArgument(0, "<FILE>")]
        [Description("A backup made by 'realign admin backup'.")]
        public string File { get; init; } = "";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        if (settings.Postgres is not null)
        {
            throw new Realign.Vault.VaultException("a PostgreSQL store is restored with pg_restore, then 'realign admin restored --postgres ...' (docs/operations.md, \"Backup and restore\")");
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

        // The store is now older than what its vaults saw: a new epoch tells each of them to push its own changes again.
        string epoch;
        await using (var store = await settings.OpenAsync(cancellationToken))
        {
            epoch = await store.RenewEpochAsync(cancellationToken);
        }

        AnsiConsole.MarkupLine($"[green]restored[/] {Markup.Escape(Path.GetFullPath(settings.File))} to {Markup.Escape(settings.Describe())}"
            + (aside is null ? "" : $"; the database that was there is kept as {Markup.Escape(aside)}"));
        AnsiConsole.MarkupLine($"new epoch {epoch}: each vault pushes its own changes again at its next sync");
        return 0;
    }
}

/// <summary><c>realign admin restored [--postgres CONN]</c>: gives a store that was put back to an older point by other
/// means (pg_restore, a file copy) a new epoch, so its vaults push their own changes again. Run it before the servers start.</summary>
internal sealed class AdminRestoredCommand : AsyncCommand<StoreSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, StoreSettings settings, CancellationToken cancellationToken)
    {
        await using var store = await settings.OpenAsync(cancellationToken);
        var before = store.Epoch;
        var epoch = await store.RenewEpochAsync(cancellationToken);
        AnsiConsole.MarkupLine($"[green]marked restored[/] {Markup.Escape(settings.Describe())}: epoch {before} is now {epoch}; each vault pushes its own changes again at its next sync");
        return 0;
    }
}
