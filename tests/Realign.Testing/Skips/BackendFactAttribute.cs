using Xunit;
using Xunit.Sdk;

namespace Realign.Testing;

/// <summary>A fact that runs on a storage backend: in a class marked <see cref="RequiresPostgresAttribute"/> it is reported
/// as skipped when no PostgreSQL is configured, never as passed.</summary>
/// <remarks>Used in the contract suites, whose tests run once per backend subclass.</remarks>
[XunitTestCaseDiscoverer("Realign.Testing.BackendFactDiscoverer", "Realign.Testing")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class BackendFactAttribute : FactAttribute;
