using System.ComponentModel;
using Microsoft.Extensions.Configuration;
using Realign.Server.Configuration;
using Realign.Storage;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli.Server;

/// <summary>Where the server's store lives: a SQLite folder (default <c>./realign-data</c>) or a PostgreSQL database, from the
/// options here over <c>REALIGN_...</c> variables over <c>appsettings.json</c> (docs/configuration.md).</summary>
internal class StoreSettings : CommandSettings
{
    private (IConfigurationRoot Configuration, ServerSettings Settings)? _resolved;

    [CommandOption("--config <FILE>")]
    [Description("A JSON configuration file (its \"Realign\" section; default ./appsettings.json when it exists). REALIGN_... variables and options go over it")]
    public string? Config { get; init; }

    [CommandOption("--data <DIR>")]
    [Description("Folder of the embedded SQLite store (default ./realign-data; or REALIGN_DATA)")]
    public string? DataOption { get; init; }

    [CommandOption("--postgres <CONN>")]
    [Description("PostgreSQL connection string (Host=...;Database=...;Username=...;Password=...; or REALIGN_POSTGRES)")]
    public string? PostgresOption { get; init; }

    /// <summary>The settings in effect: the file, the environment and these options, checked.</summary>
    /// <exception cref="InvalidSettingException">A setting that cannot be used, in one line.</exception>
    public ServerSettings Resolved => Resolve().Settings;

    /// <summary>The configuration the settings came from (for <c>realign config</c>).</summary>
    public IConfigurationRoot Configuration => Resolve().Configuration;

    public string? Postgres => Resolved.Postgres;

    public string Data => Resolved.Data;

    public string SqlitePath => Path.Combine(Data, "realign.db");

    public override ValidationResult Validate() =>
        DataOption is not null && PostgresOption is not null ? ValidationResult.Error("give --data or --postgres, not both") : ValidationResult.Success();

    public Task<IReplicaStore> OpenAsync(CancellationToken cancellationToken) =>
        Postgres is { } conn ? ReplicaStores.OpenPostgresAsync(conn, cancellationToken) : ReplicaStores.OpenSqliteAsync(SqlitePath, cancellationToken);

    public string Describe() => Postgres is not null ? "PostgreSQL" : $"SQLite at {Path.GetFullPath(SqlitePath)}";

    /// <summary>Whether this command checks the settings of listening (only <c>serve</c> and <c>admin config</c> do).</summary>
    protected virtual bool ChecksListen => false;

    /// <summary>The settings given as options to this command: key, the option as written, value.</summary>
    protected virtual IEnumerable<(string Key, string Option, string Value)> CommandLine()
    {
        if (DataOption is not null)
        {
            yield return (nameof(ServerSettings.Data), "--data", DataOption);
        }

        if (PostgresOption is not null)
        {
            yield return (nameof(ServerSettings.Postgres), "--postgres", PostgresOption);
        }
    }

    private (IConfigurationRoot Configuration, ServerSettings Settings) Resolve()
    {
        if (_resolved is null)
        {
            var configuration = ServerConfiguration.Build(Config, [.. CommandLine()]);
            _resolved = (configuration, ServerConfiguration.Load(configuration, ChecksListen));
        }

        return _resolved.Value;
    }
}
