using System.Net;
using System.Text.Json;
using AmpsDevice.Dashboard.Tests.Support;

namespace AmpsDevice.Dashboard.Tests.Server;

/// <summary>
/// <c>/api/openapi.json</c> describes the HTTP API (docs/dashboard.md): the server, with reflection-based JSON off as
/// in the natively compiled dashboard, can describe every endpoint's types, the live streams' events included.
/// </summary>
public sealed class OpenApiTests
{
    [Fact]
    public async Task The_OpenAPI_document_lists_the_commands_the_live_streams_and_the_history()
    {
        using var broker = MosquittoBroker.Anonymous();
        using var data = new TempDirectory("dashboard-openapi");
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        using var server = new ChildProcess("dotnet",
            ["exec", DashboardStack.DashboardDll, "--urls", url, "--mqtt", broker.Uri, "--data", data.Path, "--contentRoot", Repository.PathOf("dashboard")]);
        await server.WaitForLineAsync("Now listening", TimeSpan.FromSeconds(60));

        using var http = new HttpClient();
        var response = await http.GetAsync(url + "/api/openapi.json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {server.Tail(20)}");
        using var document = JsonDocument.Parse(body);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "/api/devices/{deviceId}/session/start", "/api/devices/{deviceId}/session/stop", "/api/devices/{deviceId}/pain",
                "/api/devices/live", "/api/devices/{deviceId}/live", "/api/history/sessions", "/api/profiles/check", "/api/me",
            },
            paths);
    }
}
