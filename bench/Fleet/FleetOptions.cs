using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Connection;

namespace AmpsDevice.Bench.Fleet;

/// <summary>
/// <c>fleet --devices N [--mqtt mqtt://[user:pass@]host:port] [--duration S] [--prefix ID]</c>: how many devices, which
/// broker, for how long (until Ctrl+C without <c>--duration</c>), and the device ids' prefix (ids are prefix-001 ...).
/// </summary>
public sealed record FleetOptions(int Devices, BrokerAddress Broker, TimeSpan? Duration, string Prefix)
{
    public const string Usage = "fleet --devices N [--mqtt mqtt://[user:pass@]host:port] [--duration S] [--prefix ID]";

    /// <summary>More than this many MQTT connections from one process is not a fleet this machine can play honestly.</summary>
    public const int MaxDevices = 1000;

    public const string DefaultBroker = "mqtt://127.0.0.1:1883";

    public const string DefaultPrefix = "fleet";

    /// <summary>The device id of the <paramref name="index"/>-th device (0-based): prefix-001, prefix-002, ...</summary>
    public string DeviceId(int index) => $"{Prefix}-{index + 1:000}";

    /// <summary>Reads the options; on bad input returns null and a message that names the problem.</summary>
    public static FleetOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        int? devices = null;
        var broker = DefaultBroker;
        TimeSpan? duration = null;
        var prefix = DefaultPrefix;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is not ("--devices" or "--mqtt" or "--duration" or "--prefix"))
            {
                error = $"fleet: unknown argument '{name}'; usage: {Usage}";
                return null;
            }

            if (i + 1 >= args.Count)
            {
                error = $"fleet: {name} needs a value; usage: {Usage}";
                return null;
            }

            var value = args[++i];
            switch (name)
            {
                case "--devices":
                    if (!int.TryParse(value, out var n) || n < 1 || n > MaxDevices)
                    {
                        error = $"fleet: --devices '{value}' is not a whole number from 1 to {MaxDevices}";
                        return null;
                    }

                    devices = n;
                    break;
                case "--mqtt":
                    broker = value;
                    break;
                case "--duration":
                    if (!double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) || !(s > 0) || double.IsInfinity(s))
                    {
                        error = $"fleet: --duration '{value}' is not a positive number of seconds";
                        return null;
                    }

                    duration = TimeSpan.FromSeconds(s);
                    break;
                default:
                    prefix = value;
                    break;
            }
        }

        if (devices is null)
        {
            error = $"fleet: --devices N is required; usage: {Usage}";
            return null;
        }

        if (!BrokerAddress.TryParse(broker, out var address, out var brokerError))
        {
            error = $"fleet: --mqtt: {brokerError}";
            return null;
        }

        var options = new FleetOptions(devices.Value, address, duration, prefix);
        if (!AmpsDevice.Protocol.Topics.DeviceTopics.IsValidDeviceId(options.DeviceId(devices.Value - 1), out var why))
        {
            error = $"fleet: --prefix '{prefix}' does not make valid device ids: {why}";
            return null;
        }

        error = null;
        return options;
    }
}
