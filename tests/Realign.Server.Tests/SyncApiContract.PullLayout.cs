using System.Text.Json;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    [BackendFact]
    public async Task Pull_Page_OneHeadPerLineAndStillOneJsonDocument()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        await server.Api.PushAsync(tenant.Owner, Batch(User("n1", 1, """{"title":"first\nline","tags":["a"]}"""), User("n2", 2, """{"title":"second"}"""), User("n3", 3, """{"title":"third"}""")));

        var page = await server.Api.GetAsync("/sync/pull?since=0&limit=2", tenant.Owner);
        Assert.Equal(200, page.Status);
        var lines = page.Body.Split('\n');
        Assert.Equal("{\"items\":[", lines[0]);
        Assert.Equal("", lines[^1]);
        var heads = lines[1..^2].Select(l => JsonDocument.Parse(l.TrimEnd(',')).RootElement).ToList();
        Assert.Equal(["n1", "n2"], heads.Select(h => h.GetProperty("entity_id").GetString()));
        Assert.Equal("first\nline", heads[0].GetProperty("payload").GetProperty("title").GetString());
        using (var trailer = JsonDocument.Parse("{" + lines[^2][2..]))
        {
            Assert.StartsWith("],", lines[^2], StringComparison.Ordinal);
            Assert.True(trailer.RootElement.GetProperty("has_more").GetBoolean());
            Assert.Equal(page.Json.GetProperty("next_cursor").GetInt64(), trailer.RootElement.GetProperty("next_cursor").GetInt64());
        }

        // The whole page is the same JSON document the contract describes.
        Assert.Equal(2, page.Json.GetProperty("items").GetArrayLength());
        var cursor = page.Json.GetProperty("next_cursor").GetInt64();
        var end = await server.Api.GetAsync($"/sync/pull?since={cursor + 1}", tenant.Owner);
        Assert.Equal("{\"items\":[\n],\"next_cursor\":" + (cursor + 1) + ",\"has_more\":false}\n", end.Body);
        Assert.Equal(0, end.Json.GetProperty("items").GetArrayLength());
    }

    [BackendFact]
    public async Task Pull_PageOfManyBuffers_EveryHeadOnceInOrder_AcrossFlushes()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        // 400 heads of over 2 KB: the page spans many response buffers and several flushes (one per 64 KB).
        var body = new string('x', 2000);
        for (var start = 0; start < 400; start += 100)
        {
            await server.Api.PushAsync(tenant.Owner, Batch([.. Enumerable.Range(start, 100).Select(i => User($"n{i:D3}", 1, $$"""{"title":"{{i}}","body":"{{body}}"}"""))]));
        }

        var page = await server.Api.GetAsync("/sync/pull?since=0&limit=399", tenant.Owner);
        Assert.Equal(200, page.Status);
        Assert.True(page.Body.Length > 8 * 64 * 1024, $"page of {page.Body.Length} bytes");
        var items = page.Json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 399).Select(i => $"n{i:D3}"), items.Select(h => h.GetProperty("entity_id").GetString()));
        Assert.All(items, h => Assert.Equal(body, h.GetProperty("payload").GetProperty("body").GetString()));
        Assert.True(page.Json.GetProperty("has_more").GetBoolean());
        Assert.Equal(399 + 3, page.Body.Split('\n').Length);

        var last = await server.Api.GetAsync($"/sync/pull?since={page.Json.GetProperty("next_cursor").GetInt64()}&limit=399", tenant.Owner);
        Assert.Equal("n399", Assert.Single(last.Json.GetProperty("items").EnumerateArray()).GetProperty("entity_id").GetString());
        Assert.False(last.Json.GetProperty("has_more").GetBoolean());
    }

    [BackendFact]
    public async Task Pull_LargePage_SentInLargeChunks_SoClientsReadStraightIntoTheirBuffers()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var body = new string('x', 2000);
        await server.Api.PushAsync(tenant.Owner, Batch([.. Enumerable.Range(0, 200).Select(i => User($"c{i:D3}", 1, $$"""{"title":"{{i}}","body":"{{body}}"}"""))]));

        // Read the raw HTTP/1.1 response off a socket and take the chunk framing apart.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host.BaseAddress.Host, server.Host.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET /sync/pull?since=0&limit=200 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {tenant.Owner}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var response = new MemoryStream();
        await stream.CopyToAsync(response);
        var raw = response.ToArray();
        var headerEnd = raw.AsSpan().IndexOf("\r\n\r\n"u8) + 4;
        Assert.Contains("Transfer-Encoding: chunked", System.Text.Encoding.ASCII.GetString(raw, 0, headerEnd), StringComparison.OrdinalIgnoreCase);
        var chunks = new List<int>();
        var content = new MemoryStream();
        for (var at = headerEnd; ;)
        {
            var lineEnd = raw.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(System.Text.Encoding.ASCII.GetString(raw, at, lineEnd), 16);
            at += lineEnd + 2;
            if (size == 0)
            {
                break;
            }

            chunks.Add(size);
            content.Write(raw, at, size);
            at += size + 2;
        }

        using var page = JsonDocument.Parse(content.ToArray());
        Assert.Equal(200, page.RootElement.GetProperty("items").GetArrayLength());
        // Over 400 KB of heads: HttpClient reads a chunk straight into the caller's buffer only when the chunk is at least
        // its own 4 KB buffer, so the page must not be framed in chunks of one 4 KB block each.
        Assert.True(chunks.Max() >= 32 * 1024, $"largest chunk {chunks.Max()} bytes of {chunks.Count} chunks");
        Assert.True(chunks.Count <= content.Length / (16 * 1024), $"{chunks.Count} chunks for {content.Length} bytes");
    }
}
