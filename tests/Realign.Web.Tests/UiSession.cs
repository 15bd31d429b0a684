using System.Net;
using System.Text.RegularExpressions;

namespace Realign.Web.Tests;

/// <summary>A browser-less client of the server's review UI: its own cookie jar, redirects not followed, so a test sees
/// each status and Location as the server sent them.</summary>
public sealed partial class UiSession : IDisposable
{
    private readonly HttpClientHandler _handler;

    private UiSession(Uri server)
    {
        _handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true };
        Http = new HttpClient(_handler) { BaseAddress = server };
    }

    public HttpClient Http { get; }

    /// <summary>A client with no session.</summary>
    public static UiSession Anonymous(Uri server) => new(server);

    /// <summary>Signs in with <paramref name="token"/> through the sign-in form, as a person would.</summary>
    public static async Task<UiSession> SignInAsync(Uri server, string token)
    {
        var session = new UiSession(server);
        var reply = await session.SignInRawAsync(token);
        Assert.Equal(HttpStatusCode.SeeOther, reply.StatusCode);
        Assert.Equal("/", reply.Headers.Location?.OriginalString);
        return session;
    }

    /// <summary>Posts the sign-in form with <paramref name="token"/> and returns the reply.</summary>
    public async Task<HttpResponseMessage> SignInRawAsync(string token, string? returnUrl = null)
    {
        var form = await FormTokenAsync("/signin");
        return await Http.PostAsync("/ui/signin", new FormUrlEncodedContent([new("__RequestVerificationToken", form), new("token", token), new("return_url", returnUrl ?? "")]));
    }

    /// <summary>The antiforgery form field of a page (its cookie lands in the jar).</summary>
    public async Task<string> FormTokenAsync(string page = "/")
    {
        var html = await Http.GetStringAsync(page);
        return FormToken().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException($"{page} has no antiforgery field");
    }

    /// <summary>Posts a form with the antiforgery field of the inbox, as the page's own form would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields)
    {
        var token = await FormTokenAsync("/");
        return await Http.PostAsync(path, new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]));
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
