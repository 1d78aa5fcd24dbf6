using System.Text.Json;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.Tests.Server;

/// <summary>The console's first paint gets back exactly the samples that arrived: every value, every missing reading, in order.</summary>
public sealed class RecentSamplesTests
{
    [Fact]
    public void Samples_come_back_exactly_as_they_arrived_missing_readings_included()
    {
        var arrived = new[]
        {
            Sample(0.1, measured: null, safety: null, target: null, force: null, safe: true),
            Sample(0.2, measured: 33.123456789012345, safety: 33.2, target: 38.0, force: 12.5, safe: false),
            Sample(0.3, measured: -0.0, safety: 1e-300, target: null, force: 0, safe: false),
        };
        var recent = new RecentSamples(10);
        for (var i = 0; i < arrived.Length; i++)
        {
            recent.Add(1_000 + (i * 100), arrived[i]);
        }

        var back = recent.ToList();

        Assert.Equal([1_000d, 1_100d, 1_200d], back.Select(s => s.AtMs));
        Assert.Equal(arrived.Select(Json), back.Select(s => Json(s.Sample)));
    }

    [Fact]
    public void Only_the_newest_are_kept_oldest_first()
    {
        var recent = new RecentSamples(3);
        for (var i = 1; i <= 7; i++)
        {
            recent.Add(i, Sample(i / 10.0, measured: 30 + i, safety: 30, target: 38, force: 5, safe: false));
        }

        Assert.Equal(3, recent.Count);
        Assert.Equal([5d, 6d, 7d], recent.ToList().Select(s => s.AtMs));
        Assert.Equal([35d, 36d, 37d], recent.ToList().Select(s => s.Sample.Pads[0].MeasuredC!.Value));
    }

    [Fact]
    public void A_device_whose_channels_change_keeps_each_samples_own_channels()
    {
        var recent = new RecentSamples(10);
        var before = Sample(0.1, measured: 30, safety: 30, target: 38, force: 5, safe: false);
        var after = new TelemetrySample(0.2, [new PadSample("pad9", 31, 31, 0.5, null)], [], [new PressureSample("pressure3", 7)], false);
        recent.Add(1, before);
        recent.Add(2, after);

        Assert.Equal([Json(before), Json(after)], recent.ToList().Select(s => Json(s.Sample)));
    }

    private static TelemetrySample Sample(double t, double? measured, double? safety, double? target, double? force, bool safe) => new(
        t,
        [new PadSample("pad1", measured, safety, 0.25, target), new PadSample("pad2", 24, 24.5, -0.5, 24)],
        [new VibrationSample("vib1", 120, 0.4), new VibrationSample("vib2", 80, 0)],
        [new PressureSample("pressure1", force), new PressureSample("pressure2", null)],
        safe);

    private static string Json(TelemetrySample s) => JsonSerializer.Serialize(s, ProtocolJsonContext.Default.TelemetrySample);
}
