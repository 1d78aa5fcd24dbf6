namespace AmpsDevice.FirmwareHost.Hosting;

/// <summary>Configuration section "Device": what the command line's <c>run</c> options set.</summary>
public sealed class DeviceOptions
{
    public const string SectionName = "Device";

    /// <summary>Put the simulator behind the hardware boundary (<c>--simulate</c>).</summary>
    public bool Simulate { get; set; }

    /// <summary>Where records and the outbox live (<c>--data</c>).</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Seed of the simulator's noise in <c>run --simulate</c>.</summary>
    public int SimulatorSeed { get; set; } = 1;
}
