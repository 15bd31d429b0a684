using System.Globalization;
using Realign.Benchmarks;

namespace Realign.Bench;

/// <summary><c>compare [--sizes 10k,100k,1M] [--postgres CONN] [--out DIR] [--repeat N] [--batch N] [--vault-notes N] [--warm-up N] [--smoke] [--in-process]</c>: the same run as <c>realign bench</c>.</summary>
internal static class CompareVerb
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = BenchOptions.ParseSizes(Arg("--sizes") ?? "10k,100k");
        if (sizes is null)
        {
            await Console.Error.WriteLineAsync("--sizes takes numbers like 10000,100k,1M");
            return 2;
        }

        var options = args.Contains("--smoke")
            ? BenchOptions.Smoke(Arg("--out"))
            : new BenchOptions
            {
                Sizes = sizes,
                Postgres = Arg("--postgres"),
                OutDir = Arg("--out"),
                Repeat = int.Parse(Arg("--repeat") ?? "1", CultureInfo.InvariantCulture),
                BatchSize = int.Parse(Arg("--batch") ?? "500", CultureInfo.InvariantCulture),
                VaultNotes = int.Parse(Arg("--vault-notes") ?? "10000", CultureInfo.InvariantCulture),
                WarmUpItems = int.Parse(Arg("--warm-up") ?? "150000", CultureInfo.InvariantCulture),
                ServerExecutable = BenchOptions.FindRealign(),
            };
        if (args.Contains("--in-process"))
        {
            options = options with { ServerExecutable = null };
        }

        await CompareBenchmark.RunAsync(options, Console.Out);
        return 0;

        string? Arg(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
    }
}
