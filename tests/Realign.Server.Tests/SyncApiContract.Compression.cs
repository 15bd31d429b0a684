using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using static Realign.Server.Tests.Items;

namespace Realign.Server.Tests;

public abstract partial class SyncApiContract
{
    [BackendFact]
    public async Task Pull_ClientAsksForBrotliOrGzip_PageComesCompressed_AndReadsAsTheSameDocument()
    {
        if (await StartAsync() is not ({ } server, { } tenant)) { return; }
        await using var _ = server;
        var body = string.Concat(Enumerable.Repeat("the same words again ", 40));
        await server.Api.PushAsync(tenant.Owner, Batch([.. Enumerable.Range(0, 50).Select(i => User($"n{i:D2}", 1, $$"""{"title":"{{i}}","body":"{{body}}"}"""))]));
        var plain = await server.Api.GetAsync("/sync/pull?since=0&limit=50", tenant.Owner);

        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.Owner);
        foreach (var encoding in new[] { "br", "gzip" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "sync/pull?since=0&limit=50");
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
            using var response = await http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
            var compressed = await response.Content.ReadAsByteArrayAsync();
            await using Stream unpack = encoding == "br"
                ? new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)
                : new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var reader = new StreamReader(unpack, Encoding.UTF8);
            Assert.Equal(plain.Body, await reader.ReadToEndAsync());
            Assert.True(compressed.Length * 4 < Encoding.UTF8.GetByteCount(plain.Body), $"{encoding}: {compressed.Length} of {Encoding.UTF8.GetByteCount(plain.Body)} bytes");
        }

        // A client that does not ask gets the page as it is, and nothing but pull pages is compressed.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "sync/pull?since=0&limit=50"))
        using (var response = await http.SendAsync(request))
        {
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, "sync/conflicts?status=open"))
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            using var response = await http.SendAsync(request);
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }
}
