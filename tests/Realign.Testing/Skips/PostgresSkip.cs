using Xunit.Abstractions;

namespace Realign.Testing;

/// <summary>Whether a test that needs PostgreSQL can run; the reason it is skipped otherwise.</summary>
internal static class PostgresSkip
{
    public const string Reason = "no PostgreSQL for this run (set REALIGN_TEST_PG; scripts/test.sh starts one)";

    /// <summary>True when the test must be skipped. With REALIGN_REQUIRE_PG=1 and no PostgreSQL it is not skipped: it runs
    /// and fails, as a required suite must.</summary>
    public static bool Applies => string.IsNullOrEmpty(PostgresServer.ConnectionString) && !PostgresServer.Required;

    public static bool ClassNeedsPostgres(ITestMethod method) =>
        method.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any()
        || method.Method.GetCustomAttributes(typeof(RequiresPostgresAttribute)).Any();

    public static bool RowNeedsPostgres(object?[]? row) =>
        row is not null && row.Any(a => a is Enum e && e.ToString() == "Postgres");
}
