using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Vault.Sync;

/// <summary>Reads an RFC 9457 problem body leniently: code, detail and per-item errors.</summary>
internal sealed record ProblemReader(string? Code, string? Title, string? Detail, IReadOnlyList<ItemErrorDto> Errors)
{
    public static async Task<ProblemReader> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ProblemReader(null, null, Shorten(text), []);
            }

            string? Str(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var errors = new List<ItemErrorDto>();
            if (root.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in list.EnumerateArray())
                {
                    string? S(string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                    errors.Add(new ItemErrorDto
                    {
                        Index = e.TryGetProperty("index", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : -1,
                        Code = S("code"),
                        Field = S("field"),
                        Message = S("message"),
                    });
                }
            }

            return new ProblemReader(Str("code"), Str("title"), Str("detail"), errors);
        }
        catch (JsonException)
        {
            return new ProblemReader(null, null, Shorten(text), []);
        }
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
