using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Realign.EndToEnd.Tests.Faults;

public sealed class FaultProxyTests : IAsyncLifetime
{
    private WebApplication _echo = null!;
    private Uri _echoAddress = null!;
    private int _served;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _echo = builder.Build();
        _echo.MapPost("/echo", async (Microsoft.AspNetCore.Http.HttpContext c) =>
        {
            Interlocked.Increment(ref _served);
            using var reader = new StreamReader(c.Request.Body);
            return await reader.ReadToEndAsync();
        });
        await _echo.StartAsync();
        _echoAddress = new Uri(_echo.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
    }

    public async Task DisposeAsync() => await _echo.DisposeAsync();

    private async Task<(HttpStatusCode? Status, Exception? Error)> SendThrough(FaultKind kind)
    {
        await using var proxy = await FaultProxy.StartAsync(_echoAddress, new FaultPlan(1, 1.0, kind));
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        try
        {
            using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), new StringContent(new string('x', 10_000)));
            _ = await response.Content.ReadAsStringAsync();
            return (response.StatusCode, null);
        }
        catch (HttpRequestException ex)
        {
            return (null, ex);
        }
    }

    [Fact]
    public async Task DropRequest_NeverReachesTheServer()
    {
        var (status, error) = await SendThrough(FaultKind.DropRequest);
        Assert.Null(status);
        Assert.NotNull(error);
        Assert.Equal(0, _served);
    }

    [Fact]
    public async Task DropResponseAfterCommit_ReachesTheServerButTheClientSeesAnError()
    {
        var (status, error) = await SendThrough(FaultKind.DropResponseAfterCommit);
        Assert.Null(status);
        Assert.NotNull(error);
        Assert.Equal(1, _served);
    }

    [Fact]
    public async Task ResetMidBody_FailsTheClientRead()
    {
        var (status, error) = await SendThrough(FaultKind.ResetMidBody);
        Assert.Null(status);
        Assert.NotNull(error);
        Assert.Equal(1, _served);
    }

    [Theory]
    [InlineData(FaultKind.Status500, HttpStatusCode.InternalServerError)]
    [InlineData(FaultKind.Status503, HttpStatusCode.ServiceUnavailable)]
    [InlineData(FaultKind.Status429, HttpStatusCode.TooManyRequests)]
    public async Task StatusFaults_AnswerWithoutForwarding(FaultKind kind, HttpStatusCode expected)
    {
        var (status, _) = await SendThrough(kind);
        Assert.Equal(expected, status);
        Assert.Equal(0, _served);
    }

    [Fact]
    public async Task Pass_ForwardsBodyIntact()
    {
        await using var proxy = await FaultProxy.StartAsync(_echoAddress, new FaultPlan(1, 0.0));
        using var client = new HttpClient { BaseAddress = proxy.BaseAddress };
        using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), new StringContent("hello"));
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
    }
}
