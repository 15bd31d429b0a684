using Microsoft.AspNetCore.Routing.Patterns;

namespace Realign.EndToEnd.Tests.Security;

/// <summary>The endpoints of the running app, from its <c>EndpointDataSource</c>, against <see cref="SweepTable"/>.</summary>
public static class EndpointSweep
{
    public static string Key(string method, string pattern) => $"{method} {pattern}";

    /// <summary>Method and route pattern of every endpoint the running app maps, in the app's order.</summary>
    public static IReadOnlyList<string> Mapped(HostedServer server) =>
        [.. server.Endpoints.SelectMany(e => HostedServer.MethodsOf(e).Select(m => Key(m, e.RoutePattern.RawText ?? "(no pattern)"))).Distinct()];

    /// <summary>What is wrong between the mapped endpoints and the table: an endpoint neither swept nor exempt, an entry
    /// the app does not map (stale), an endpoint both swept and exempt, an entry given twice. Empty when all is covered.</summary>
    public static IReadOnlyList<string> Gaps(IReadOnlyCollection<string> mapped, IReadOnlyList<SweptEndpoint> swept, IReadOnlyList<ExemptEndpoint> exempt)
    {
        var gaps = new List<string>();
        var sweptKeys = swept.Select(s => s.Key).ToList();
        var exemptKeys = exempt.Select(e => e.Key).ToList();
        var mappedKeys = mapped.ToHashSet(StringComparer.Ordinal);
        gaps.AddRange(mapped.Where(k => !sweptKeys.Contains(k) && !exemptKeys.Contains(k))
            .Select(k => $"{k} is mapped by the app but neither swept nor exempt: add it to SweepTable.Swept (samples and hostile requests) or to SweepTable.Exempt with a reason"));
        gaps.AddRange(sweptKeys.Where(k => !mappedKeys.Contains(k)).Select(k => $"{k} is in SweepTable.Swept but the app does not map it (stale entry)"));
        gaps.AddRange(exemptKeys.Where(k => !mappedKeys.Contains(k)).Select(k => $"{k} is in SweepTable.Exempt but the app does not map it (stale entry)"));
        gaps.AddRange(sweptKeys.Intersect(exemptKeys).Select(k => $"{k} is both swept and exempt"));
        gaps.AddRange(sweptKeys.Concat(exemptKeys).GroupBy(k => k).Where(g => g.Count() > 1).Select(g => $"{g.Key} is listed {g.Count()} times"));
        gaps.AddRange(exempt.Where(e => string.IsNullOrWhiteSpace(e.Reason)).Select(e => $"{e.Key} is exempt without a reason"));
        return gaps;
    }

    /// <summary>The table's entry of every endpoint the running app maps and does not exempt, in the app's order.</summary>
    /// <exception cref="InvalidOperationException">Naming each endpoint that is neither swept nor exempt.</exception>
    public static IReadOnlyList<SweptEndpoint> ForApp(HostedServer server)
    {
        var mapped = Mapped(server);
        var exempt = SweepTable.Exempt.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var missing = mapped.Where(k => !exempt.Contains(k) && SweepTable.Swept.All(s => s.Key != k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("not swept and not exempt: " + string.Join(", ", missing));
        }

        return [.. mapped.Where(k => !exempt.Contains(k)).Select(k => SweepTable.Swept.Single(s => s.Key == k))];
    }

    /// <summary>True when <paramref name="path"/> (query ignored) has the shape of <paramref name="pattern"/>: the same
    /// literal segments, a non-empty segment for each parameter.</summary>
    public static bool Routes(string pattern, string path)
    {
        var segments = RoutePatternFactory.Parse(pattern).PathSegments;
        var parts = path.Split('?')[0].Trim('/').Split('/');
        if (parts.Length != segments.Count)
        {
            return false;
        }

        for (var i = 0; i < parts.Length; i++)
        {
            var ok = segments[i].Parts switch
            {
                [RoutePatternLiteralPart literal] => string.Equals(literal.Content, parts[i], StringComparison.OrdinalIgnoreCase),
                [RoutePatternParameterPart { IsCatchAll: false }] => parts[i].Length > 0,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
