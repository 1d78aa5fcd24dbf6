using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

namespace AmpsDevice.FirmwareHost.Telemetry;

/// <summary>
/// The broker the device brings along when none is configured: MQTTnet's server on 127.0.0.1 (port
/// <see cref="MqttOptions.EmbeddedBrokerPort"/>), with persistent sessions and a per-client queue large
/// enough for an outbox drain (MQTTnet's default of 1000 silently drops the rest). No authentication:
/// it listens on loopback only unless configured otherwise. Started before the client connects.
/// </summary>
public sealed partial class EmbeddedBroker : IHostedService, IDisposable
{
    private readonly MqttServer _server;
    private readonly MqttOptions _options;
    private readonly ILogger<EmbeddedBroker> _logger;

    public EmbeddedBroker(IOptions<MqttOptions> options, ILogger<EmbeddedBroker> logger)
    {
        _options = options.Value;
        _logger = logger;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(_options.EmbeddedBrokerBindAddress))
            .WithDefaultEndpointPort(_options.EmbeddedBrokerPort)
            .WithPersistentSessions(true)
            .WithMaxPendingMessagesPerClient(_options.EmbeddedBrokerMaxPendingMessagesPerClient)
            .Build();
        _server = new MqttServerFactory().CreateMqttServer(serverOptions);
    }

    public MqttServer Server => _server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _server.StartAsync();
        LogStarted(_logger, _options.EmbeddedBrokerBindAddress, _options.EmbeddedBrokerPort);
    }

    public Task StopAsync(CancellationToken cancellationToken) => _server.StopAsync();

    public void Dispose() => _server.Dispose();

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "No broker configured: embedded MQTT broker listening on {Address}:{Port}")]
    private static partial void LogStarted(ILogger logger, string address, int port);
}
