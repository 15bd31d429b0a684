using Spectre.Console;
using Spectre.Console.Cli;

namespace Realign.Cli;

/// <summary>Turns every failure into one clear line on stderr and a non-zero exit code, never a stack trace.</summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> run)
    {
        try
        {
            return await run();
        }
        catch (CommandAppException ex)
        {
            AnsiConsole.Console.Profile.Out.Writer.Flush();
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (Realign.Server.Configuration.InvalidSettingException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
#pragma warning disable CA1031 // The CLI boundary: any failure becomes one line and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}
