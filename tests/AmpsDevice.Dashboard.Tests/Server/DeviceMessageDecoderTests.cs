using System.Text;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Protocol.Messages;

namespace AmpsDevice.Dashboard.Tests.Server;

public sealed class DeviceMessageDecoderTests
{
    private readonly DeviceMessageDecoder _decoder = new(4096);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void A_status_of_schema_version_1_is_decoded_with_the_protocol_records()
    {
        var status = _decoder.Status(Utf8("""{"schema":"amps.status/1","state":"offline","deviceId":"d","bootId":"b","version":"1","hardwareMode":"simulated","at":"2026-01-01T00:00:00Z","reason":"connection-lost"}"""));
        Assert.Equal(DeviceState.Offline, status.State);
        Assert.Equal(HardwareMode.Simulated, status.HardwareMode);
        Assert.Equal("connection-lost", status.Reason);
    }

    [Theory]
    [InlineData("amps.status/2", false)]
    [InlineData("amps.status/10", false)]
    [InlineData("amps.session/1", false)]
    [InlineData("amps.status/1.3", true)]
    [InlineData("amps.status/1", true)]
    public void Only_the_same_kind_and_major_version_is_accepted(string schema, bool accepted)
    {
        var json = $$"""{"schema":"{{schema}}","state":"online","deviceId":"d","bootId":"b","version":"1","hardwareMode":"simulated","at":"2026-01-01T00:00:00Z"}""";
        if (accepted)
        {
            Assert.Equal(DeviceState.Online, _decoder.Status(Utf8(json)).State);
        }
        else
        {
            var refused = Assert.Throws<RejectedPayloadException>(() => _decoder.Status(Utf8(json)));
            Assert.Contains("is not amps.status/1", refused.Message);
        }
    }

    [Theory]
    [InlineData("{\"schema\":\"amps.status/1\",")]
    [InlineData("[1,2,3]")]
    [InlineData("null")]
    [InlineData("{\"schema\":\"amps.status/1\",\"state\":\"online\",\"at\":\"2026-01-01T00:00:00Z\"}")]
    [InlineData("{\"schema\":\"amps.status/1\",\"state\":\"exploded\",\"deviceId\":\"d\",\"bootId\":\"b\",\"version\":\"1\",\"hardwareMode\":\"simulated\",\"at\":\"2026-01-01T00:00:00Z\"}")]
    public void Malformed_or_incomplete_payloads_are_refused_not_thrown_through(string json) =>
        Assert.Throws<RejectedPayloadException>(() => _decoder.Status(Utf8(json)));

    [Fact]
    public void An_oversize_payload_is_refused_before_it_is_parsed() =>
        Assert.Contains("over the 4096-byte limit", Assert.Throws<RejectedPayloadException>(() => _decoder.Event(new byte[5000])).Message);

    [Fact]
    public void Invalid_utf8_inside_a_string_is_refused()
    {
        var bytes = Utf8("""{"schema":"amps.status/1","state":"online","deviceId":"X","bootId":"b","version":"1","hardwareMode":"simulated","at":"2026-01-01T00:00:00Z"}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3;
        Assert.Throws<RejectedPayloadException>(() => _decoder.Status(bytes));
    }

    [Fact]
    public void A_telemetry_sample_without_its_channel_lists_is_refused()
    {
        var json = """{"schema":"amps.telemetry/1","bootId":"b","seq":1,"late":false,"samplePeriodS":0.1,"at":"2026-01-01T00:00:00Z","samples":[{"t":1,"safe":true}]}""";
        Assert.Contains("lacks pads", Assert.Throws<RejectedPayloadException>(() => _decoder.Telemetry(Utf8(json))).Message);
    }

    [Fact]
    public void A_telemetry_batch_decodes_every_channel()
    {
        var json = """{"schema":"amps.telemetry/1","bootId":"b","seq":1,"late":false,"samplePeriodS":0.1,"at":"2026-01-01T00:00:00Z","samples":[{"t":1,"pads":[{"name":"pad1","measuredC":33.5,"safetyC":33.4,"drive":0.2}],"vib":[{"name":"vib1","frequencyHz":80,"amplitude":0.3}],"pressure":[{"name":"pressure1","forceN":2.5}],"safe":false}]}""";
        var batch = _decoder.Telemetry(Utf8(json));
        Assert.Equal(33.5, batch.Samples[0].Pads[0].MeasuredC);
        Assert.Equal(0.3, batch.Samples[0].Vib[0].Amplitude);
        Assert.Equal(2.5, batch.Samples[0].Pressure[0].ForceN);
    }

    [Fact]
    public void More_alarms_than_a_panel_can_hold_are_refused()
    {
        var alarm = """{"id":"a","rule":"r","priority":"low","message":"m","latched":false,"raisedAt":"2026-01-01T00:00:00Z"}""";
        var json = $$"""{"schema":"amps.alarms/1","active":[{{string.Join(',', Enumerable.Repeat(alarm, DeviceMessageDecoder.MaxAlarms + 1))}}],"at":"2026-01-01T00:00:00Z"}""";
        Assert.Throws<RejectedPayloadException>(() => new DeviceMessageDecoder(1 << 20).Alarms(Utf8(json)));
    }
}
