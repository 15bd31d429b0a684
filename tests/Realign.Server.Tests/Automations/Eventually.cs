namespace Realign.Server.Tests.Automations;

/// <summary>Waits for a condition by polling it, with a deadline: a test fails naming what did not happen, never hangs.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? within = null)
        where T : class
    {
        var limit = within ?? Deadline;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (clock.Elapsed > limit)
            {
                Assert.Fail($"{what}: not seen within {limit.TotalSeconds:0} s");
            }

            await Task.Delay(50);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) =>
        UntilAsync(async () => await condition() ? "yes" : null, what, within);
}
