using System.Net.Http.Headers;
using System.Text.Json;

namespace AmpsDevice.Bench.Dashboard;

/// <summary>
/// Follows a device's live stream on the dashboard (<c>/api/devices/{id}/live</c>, Server-Sent Events, as the console
/// page does) and records, for every telemetry update, how old its newest sample is when it arrives: wall clock now
/// minus the sample's wall-clock time, ms. A dashboard that cannot keep up shows it as a lag that grows.
/// </summary>
public sealed class LiveLagWatcher : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(DateTimeOffset At, double LagMs)> _lags = [];
    private readonly Task _reading;

    public LiveLagWatcher(string baseUrl, string cookieHeader, string deviceId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/api/devices/{Uri.EscapeDataString(deviceId)}/live");
        request.Headers.Add("Cookie", cookieHeader);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        _reading = ReadAsync(request, _stop.Token);
    }

    /// <summary>Lags recorded from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), ms.</summary>
    public IReadOnlyList<double> LagsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_lags)
        {
            return [.. _lags.Where(l => l.At >= from && l.At < to).Select(l => l.LagMs)];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _reading;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException)
        {
            // stopped
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        string? eventType = null;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
            {
                eventType = line[6..].Trim();
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal) && eventType == "telemetry")
            {
                var arrived = DateTimeOffset.UtcNow;
                using var json = JsonDocument.Parse(line[5..]);
                var newest = json.RootElement.GetProperty("samples").EnumerateArray().Max(s => s.GetProperty("atMs").GetDouble());
                lock (_lags)
                {
                    _lags.Add((arrived, arrived.ToUnixTimeMilliseconds() - newest));
                }
            }
            else if (line.Length == 0)
            {
                eventType = null;
            }
        }
    }
}
