using System.Net;
using System.Net.Sockets;

namespace AmpsDevice.Protocol.Tests.Connection;

/// <summary>
/// A TCP listener that plays a broker gone quiet: it accepts every connection and reads what arrives, and either
/// never answers at all or answers the CONNECT with a CONNACK (MQTT 5, success) and nothing after it, so the
/// client's pings go unanswered on a connection that stays open.
/// </summary>
internal sealed class UnresponsiveBroker : IDisposable
{
    /// <summary>CONNACK, MQTT 5 §3.2: type 2, remaining length 3, no session present, reason 0 (success), no properties.</summary>
    private static readonly byte[] ConnAck = [0x20, 0x03, 0x00, 0x00, 0x00];

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _accepted = [];
    private readonly bool _answerConnect;
    private int _connections;

    public UnresponsiveBroker(bool answerConnect)
    {
        _answerConnect = answerConnect;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>TCP connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(client);
                }

                Interlocked.Increment(ref _connections);
                _ = ServeAsync(client.GetStream());
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        var buffer = new byte[4096];
        var answered = false;
        try
        {
            while (await stream.ReadAsync(buffer, _stop.Token) > 0)
            {
                if (_answerConnect && !answered)
                {
                    await stream.WriteAsync(ConnAck, _stop.Token);
                    answered = true;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted)
        {
            foreach (var client in _accepted)
            {
                client.Dispose();
            }
        }

        _stop.Dispose();
    }
}
