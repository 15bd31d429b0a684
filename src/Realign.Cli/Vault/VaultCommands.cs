using Spectre.Console.Cli;

namespace Realign.Cli.Vault;

/// <summary>The vault side of the CLI: vault init, note, task, sync, watch, suggestions, accept, reject, conflicts, resolve, status, log.</summary>
internal static class VaultCommands
{
    public static void Register(IConfigurator config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AddBranch("vault", vault =>
        {
            vault.SetDescription("Create a local vault.");
            vault.AddCommand<VaultBackupCommand>("backup").WithDescription("Copy the vault's database to a new file, consistent while the vault is in use.");
            vault.AddCommand<VaultInitCommand>("init").WithDescription("Create a vault synced with a server (asks GET /auth/me for tenant, channel, mode).");
        });
        config.AddBranch("note", note =>
        {
            note.SetDescription("Notes in the vault.");
            note.AddCommand<NoteAddCommand>("add").WithDescription("Add a note.");
            note.AddCommand<NoteEditCommand>("edit").WithDescription("Edit a note's title, body or tags.");
            note.AddCommand<NoteShowCommand>("show").WithDescription("Show a note with each field's level and origin.");
            note.AddCommand<NoteListCommand>("list").WithDescription("List notes.");
        });
        config.AddBranch("task", task =>
        {
            task.SetDescription("Tasks in the vault.");
            task.AddCommand<TaskAddCommand>("add").WithDescription("Add a task.");
            task.AddCommand<TaskListCommand>("list").WithDescription("List tasks.");
            task.AddCommand<TaskDoneCommand>("done").WithDescription("Mark a task done.");
        });
        config.AddCommand<SyncCommand>("sync").WithDescription("Push local changes, then pull changes from the server.");
        config.AddCommand<WatchCommand>("watch").WithDescription("Follow a folder of Markdown notes and sync continuously.");
        config.AddCommand<SuggestionsCommand>("suggestions").WithDescription("Pending suggestions and suggested entities from automations and AI.");
        config.AddCommand<AcceptCommand>("accept").WithDescription("Accept a suggestion (optionally edited), or promote a suggested entity: it becomes yours.");
        config.AddCommand<RejectCommand>("reject").WithDescription("Reject a suggestion, or discard a suggested entity.");
        config.AddCommand<ConflictsCommand>("conflicts").WithDescription("Open conflicts between your devices.");
        config.AddCommand<ResolveCommand>("resolve").WithDescription("Resolve a conflict: keep mine or theirs, or give a merged value.");
        config.AddCommand<StatusCommand>("status").WithDescription("Outbox, cursor, last sync, server, mode and refused changes.");
        config.AddCommand<Realign.Cli.Ui.UiCommand>("ui").WithDescription("The review UI for this vault in your browser, on 127.0.0.1: suggestions, entities, provenance.");
        config.AddCommand<SearchCommand>("search").WithDescription("Search notes and tasks by meaning and by exact words (embeddings fused with full text).");
        config.AddCommand<RelatedCommand>("related").WithDescription("The notes and tasks closest in meaning to one.");
        config.AddCommand<EmbedCommand>("embed").WithDescription("Bring the embeddings of notes and tasks up to date (new, edited and deleted ones).");
        config.AddCommand<LogCommand>("log").WithDescription("Provenance of an entity.");
    }
}
