using System.Diagnostics;

namespace Realign.Storage;

/// <summary>The store's spans (ActivitySource <c>Realign.Storage</c>): a push batch's transaction and a pull page's read, on
/// SQLite and PostgreSQL alike, so a trace shows the database's share of a request even where the driver traces nothing
/// (Microsoft.Data.Sqlite). PostgreSQL's own statements come from Npgsql's source under these. Tags are counts and the
/// database system: never a value, an entity id or a token.</summary>
public static class StoreTelemetry
{
    /// <summary>The source's name, for an OpenTelemetry tracer provider.</summary>
    public const string SourceName = "Realign.Storage";

    internal static readonly ActivitySource Source = new(SourceName, typeof(StoreTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Starts a client span of the store, or null when nothing listens.</summary>
    internal static Activity? Start(string name, string backend)
    {
        var activity = Source.StartActivity(name, ActivityKind.Client);
        activity?.SetTag("db.system.name", backend == "postgres" ? "postgresql" : backend);
        return activity;
    }
}
