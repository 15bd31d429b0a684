using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Vault.Sync;

/// <summary>An error reply as the client uses it: code, title, detail and per-item errors of its <see cref="ProblemResponse"/>.</summary>
internal sealed record ProblemReader(string? Code, string? Title, string? Detail, IReadOnlyList<ItemErrorDto> Errors)
{
    /// <summary>Reads the problem of an error reply as its contract type; a body that is not a problem (a proxy's page, plain
    /// text) is kept, shortened, as the detail.</summary>
    public static async Task<ProblemReader> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (JsonSerializer.Deserialize(text, RealignJsonContext.Default.ProblemResponse) is { } problem)
            {
                return new ProblemReader(problem.Code, problem.Title, problem.Detail, problem.Errors ?? []);
            }
        }
        catch (JsonException)
        {
        }

        return new ProblemReader(null, null, Shorten(text), []);
    }

    public SyncTransportException ToException(int status, string what)
    {
        var message = status == 401
            ? "the server refused the token (401 unauthorized); check the vault's token"
            : $"{what} failed: {status}{(Code is null ? "" : " " + Code)}{((Detail ?? Title) is { } d ? ": " + d : "")}";
        return new SyncTransportException(message) { Status = status, Code = Code };
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
