using Xunit;
using Xunit.Sdk;

namespace Realign.Testing;

/// <summary>A theory whose rows name a backend: a row with the PostgreSQL backend (an argument whose value prints as
/// <c>Postgres</c>), or any row in a class marked <see cref="RequiresPostgresAttribute"/>, is reported as skipped when no
/// PostgreSQL is configured.</summary>
[XunitTestCaseDiscoverer("Realign.Testing.BackendTheoryDiscoverer", "Realign.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendTheoryAttribute : TheoryAttribute;
