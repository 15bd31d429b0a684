using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    [BackendTheory]
    [InlineData("/sync/wait")]
    [InlineData("/sync/wait?since=x")]
    [InlineData("/sync/wait?since=-1")]
    [InlineData("/sync/wait?since=0&timeout=0")]
    [InlineData("/sync/wait?since=0&timeout=61")]
    [InlineData("/sync/wait?since=0&timeout=soon")]
    public async Task Wait_BadSinceOrTimeout_BadRequest(string path)
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var reply = await server.Api.GetAsync(path, tenant.Owner);
        Assert.Equal(400, reply.Status);
        Assert.Equal("invalid-request", reply.Code);
    }

    [BackendFact]
    public async Task Wait_CursorBehind_AnswersChangedWithTheCursor()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"a"}"""), User("n2", 2, """{"title":"b"}""")));

        var reply = await server.Api.GetAsync("/sync/wait?since=0&timeout=60", tenant.Owner).WaitAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(200, reply.Status);
        Assert.True(reply.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(2, reply.Json.GetProperty("cursor").GetInt64());
    }

    [BackendFact]
    public async Task ACursorAheadOfTheStore_IsAnsweredAtOnce_AndThePullSaysTheServerWentBack()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"a"}""")));

        // A cursor the store never handed out, as a vault holds after the server was restored to an older point.
        var wait = await server.Api.GetAsync("/sync/wait?since=50&timeout=60", tenant.Owner).WaitAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(200, wait.Status);
        Assert.True(wait.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(1, wait.Json.GetProperty("cursor").GetInt64());

        var pull = await server.Api.GetAsync("/sync/pull?since=50", tenant.Owner);
        Assert.Equal((409, "cursor-ahead"), (pull.Status, pull.Code));
        Assert.Equal(200, (await server.Api.GetAsync("/sync/pull?since=1", tenant.Owner)).Status);

        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tenant.Owner);
        using var page = await http.GetAsync(new Uri("/sync/pull?since=0", UriKind.Relative));
        Assert.Equal(server.Store.Epoch, page.Headers.GetValues("Realign-Epoch").Single());
        Assert.Equal(16, server.Store.Epoch.Length);
    }

    [BackendFact]
    public async Task Wait_AnotherDevicePushes_TheWaitingDeviceIsAnswered()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"a"}""")));

        var waiting = server.Api.GetAsync("/sync/wait?since=1&timeout=60", tenant.Owner);
        var push = await server.Api.PushAsync(tenant.Tokens["web"], Batch(Item("n2", 1, "user:web", 2, """{"title":"from the web"}""")));
        Assert.Equal(200, push.Status);

        var reply = await waiting.WaitAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(200, reply.Status);
        Assert.True(reply.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(2, reply.Json.GetProperty("cursor").GetInt64());
    }

    [BackendFact]
    public async Task Wait_NothingChanges_AnswersUnchangedAtTheTimeout()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"a"}""")));

        var reply = await server.Api.GetAsync("/sync/wait?since=1&timeout=1", tenant.Owner).WaitAsync(TimeSpan.FromSeconds(45));
        Assert.Equal(200, reply.Status);
        Assert.False(reply.Json.GetProperty("changed").GetBoolean());
        Assert.Equal(1, reply.Json.GetProperty("cursor").GetInt64());
    }
}
