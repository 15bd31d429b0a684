using Xunit.Abstractions;

namespace Realign.EndToEnd.Tests.Security;

public sealed class EndpointCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryMappedEndpoint_SweptOrExemptWithAReason_AndNoStaleEntry()
    {
        await using var server = await HostedServer.StartSqliteAsync();
        var mapped = EndpointSweep.Mapped(server);
        foreach (var key in mapped)
        {
            output.WriteLine(key);
        }

        var gaps = EndpointSweep.Gaps(mapped, SweepTable.Swept, SweepTable.Exempt);
        Assert.True(gaps.Count == 0, string.Join("\n", gaps));
        Assert.Equal(SweepTable.Swept.Count, EndpointSweep.ForApp(server).Count);
    }

    [Fact]
    public void Gaps_AnEndpointInNeitherList_NamedAsNeitherSweptNorExempt()
    {
        var mapped = SweepTable.Swept.Select(s => s.Key).Concat(SweepTable.Exempt.Select(e => e.Key)).Append("PUT /sync/new-thing/{id}").ToList();

        var gap = Assert.Single(EndpointSweep.Gaps(mapped, SweepTable.Swept, SweepTable.Exempt));

        Assert.StartsWith("PUT /sync/new-thing/{id} is mapped by the app but neither swept nor exempt", gap, StringComparison.Ordinal);
    }

    [Fact]
    public void Gaps_ATableEntryTheAppNoLongerMaps_NamedAsStale()
    {
        var gone = SweepTable.Swept[0];
        var mapped = SweepTable.Swept.Skip(1).Select(s => s.Key).Concat(SweepTable.Exempt.Select(e => e.Key)).ToList();

        var gap = Assert.Single(EndpointSweep.Gaps(mapped, SweepTable.Swept, SweepTable.Exempt));

        Assert.Equal($"{gone.Key} is in SweepTable.Swept but the app does not map it (stale entry)", gap);
    }

    [Fact]
    public void Samples_EachRoutesToItsOwnEndpoint()
    {
        var seeded = new Harness.SeededTenant(new TenantUnderTest("t-1", new Dictionary<string, string> { ["owner"] = "rlt_x" }, new Dictionary<string, string> { ["mobile"] = "p_1" }), "c_1", "p_2");
        foreach (var endpoint in SweepTable.Swept)
        {
            var samples = endpoint.Samples(seeded);
            Assert.True(samples.Count > 0, $"{endpoint.Key} has no sample request");
            Assert.All(samples, s => Assert.True(EndpointSweep.Routes(endpoint.Pattern, s.Path), $"{endpoint.Key}: sample {s.Name} {s.Path} does not route to it"));
        }
    }
}
