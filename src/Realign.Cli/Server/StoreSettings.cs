using System.ComponentModel;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary>Where the server's store lives: a SQLite folder (default <c>./realign-data</c>) or a PostgreSQL database.</summary>
internal class StoreSettings : CommandSettings
{
    [CommandOption("--data <DIR>")]
    [Description("Folder of the embedded SQLite store (default ./realign-data)")]
    public string? Data { get; init; }

    [CommandOption("--postgres <CONN>")]
    [Description("PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...)")]
    public string? Postgres { get; init; }

    public string SqlitePath => Path.Combine(Data ?? "realign-data", "realign.db");

    public override ValidationResult Validate() =>
        Data is not null && Postgres is not null ? ValidationResult.Error("give --data or --postgres, not both") : ValidationResult.Success();

    public Task<IReplicaStore> OpenAsync(CancellationToken cancellationToken) =>
        Postgres is { } conn ? ReplicaStores.OpenPostgresAsync(conn, cancellationToken) : ReplicaStores.OpenSqliteAsync(SqlitePath, cancellationToken);

    public string Describe() => Postgres is not null ? "PostgreSQL" : $"SQLite at {Path.GetFullPath(SqlitePath)}";
}
