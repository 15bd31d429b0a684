namespace Realign.Testing;

/// <summary>Marks a test class (or one test method) whose tests need the run's PostgreSQL: its <see cref="BackendFactAttribute"/> tests are
/// reported as skipped when none is configured (and fail when <c>REALIGN_REQUIRE_PG=1</c>).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class RequiresPostgresAttribute : Attribute;
