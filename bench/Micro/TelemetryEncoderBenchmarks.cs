using System.Diagnostics.CodeAnalysis;
using AmpsDevice.Bench.Support;
using AmpsDevice.FirmwareHost.Control;
using AmpsDevice.FirmwareHost.Telemetry;
using BenchmarkDotNet.Attributes;

namespace AmpsDevice.Bench.Micro;

/// <summary>Encoding one telemetry message (10 samples, every channel) as the batcher does.</summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet disposes in [GlobalCleanup]")]
public class TelemetryEncoderBenchmarks
{
    private readonly MqttOptions _options = new();
    private TickSampleRing _ring = null!;
    private TelemetryEncoder _encoder = null!;
    private long _seq;

    [GlobalSetup]
    public void Setup()
    {
        _ring = new TickSampleRing(TelemetryRig.Shape, _options.BatchSize * 2);
        new TelemetryRig.SampleSource(_ring, _options).Write(_options.BatchSize);
        _encoder = new TelemetryEncoder(TelemetryRig.Shape, "bench-boot");
    }

    [GlobalCleanup]
    public void Cleanup() => _encoder.Dispose();

    [Benchmark]
    public int Encode() => _encoder.Encode(_ring, _options.BatchSize, ++_seq, _options.SamplePeriodS, out _).Length;
}
