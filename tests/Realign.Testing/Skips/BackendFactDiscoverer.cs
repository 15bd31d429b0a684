using Xunit.Abstractions;
using Xunit.Sdk;

namespace Realign.Testing;

/// <summary>Discovers <see cref="BackendFactAttribute"/> tests: a skipped case when the test class needs PostgreSQL and
/// none is configured, else an ordinary fact.</summary>
public sealed class BackendFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (PostgresSkip.Applies && PostgresSkip.ClassNeedsPostgres(testMethod))
        {
            return [new XunitSkippedDataRowTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, PostgresSkip.Reason)];
        }

        return _facts.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
