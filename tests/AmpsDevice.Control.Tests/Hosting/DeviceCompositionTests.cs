using AmpsDevice.FirmwareHost.Hardware;
using AmpsDevice.FirmwareHost.Hosting;
using AmpsDevice.FirmwareHost.Telemetry;
using AmpsDevice.Protocol.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AmpsDevice.Control.Tests.Hosting;

/// <summary>What the composition (<see cref="DeviceServices.AddDevice"/>) derives for the parts it wires.</summary>
public sealed class DeviceCompositionTests : IDisposable
{
    private readonly string _data = TempDirectory.Create("composition");

    public void Dispose() => TempDirectory.TryDelete(_data);

    private IHost Build(string? dataDirectory = null)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Configuration["Device:Simulate"] = "true";
        builder.Configuration["Device:DataDirectory"] = dataDirectory ?? _data;
        builder.Services.AddDevice(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public void The_hardware_mode_the_device_reports_is_that_of_the_opened_hardware()
    {
        using var host = Build();

        var opened = host.Services.GetRequiredService<DeviceHardware>();
        Assert.Equal(HardwareMode.Simulated, opened.Mode);
        Assert.Equal(HardwareMode.Simulated, host.Services.GetRequiredService<DeviceIdentity>().HardwareMode);
        Assert.Equal(HardwareMode.Hardware, (opened with { Factory = new SystemHardwareFactory() }).Mode);
    }

    [Fact]
    public void The_outbox_lives_in_the_devices_data_directory()
    {
        using var host = Build();

        Assert.Equal(Path.Combine(_data, "outbox.db"), host.Services.GetRequiredService<Outbox>().Path);
    }

    [Fact]
    public void An_empty_data_directory_is_refused_naming_its_key()
    {
        using var host = Build(dataDirectory: " ");

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<DeviceOptions>>().Value);
        Assert.Contains("Device:DataDirectory: no data directory given", error.Message, StringComparison.Ordinal);
    }
}
