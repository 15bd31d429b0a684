using Xunit.Abstractions;
using Xunit.Sdk;

namespace Realign.Testing;

/// <summary>Discovers <see cref="BackendTheoryAttribute"/> rows: a PostgreSQL row is a skipped case when none is configured.</summary>
public sealed class BackendTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow)
    {
        if (PostgresSkip.Applies && (PostgresSkip.RowNeedsPostgres(dataRow) || PostgresSkip.ClassNeedsPostgres(testMethod)))
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, PostgresSkip.Reason, dataRow)];
        }

        return base.CreateTestCasesForDataRow(discoveryOptions, testMethod, theoryAttribute, dataRow);
    }

    protected override IEnumerable<IXunitTestCase> CreateTestCasesForTheory(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        // Rows not enumerable at discovery: the whole theory is skipped when its class needs PostgreSQL and none is here.
        if (PostgresSkip.Applies && PostgresSkip.ClassNeedsPostgres(testMethod))
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, PostgresSkip.Reason)];
        }

        return base.CreateTestCasesForTheory(discoveryOptions, testMethod, theoryAttribute);
    }
}
