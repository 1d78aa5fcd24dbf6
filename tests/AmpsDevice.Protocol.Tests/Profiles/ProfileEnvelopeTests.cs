using AmpsDevice.Protocol.Envelope;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Tests.Profiles;

public class ProfileEnvelopeTests
{
    [Fact]
    public void Absolute_envelope_takes_every_limit_from_AbsoluteLimits()
    {
        var envelope = ProfileEnvelope.Absolute();

        Assert.Equal(AbsoluteLimits.PadMaxTargetC.Value, envelope.PadMaxTargetC);
        Assert.Equal(AbsoluteLimits.PadMinTargetC.Value, envelope.PadMinTargetC);
        Assert.Equal(AbsoluteLimits.MaxRampCPerS.Value, envelope.MaxRampCPerS);
        Assert.Equal(AbsoluteLimits.MinRampCPerS.Value, envelope.MinRampCPerS);
        Assert.Equal(AbsoluteLimits.VibrationMinHz.Value, envelope.VibrationMinHz);
        Assert.Equal(AbsoluteLimits.VibrationMaxHz.Value, envelope.VibrationMaxHz);
        Assert.Equal(AbsoluteLimits.VibrationMaxBoutS.Value, envelope.VibrationMaxBoutS);
        Assert.Equal(AbsoluteLimits.PressureMaxTargetN.Value, envelope.PressureMaxTargetN);
        Assert.Equal(AbsoluteLimits.MaxSessionS.Value, envelope.MaxSessionS);
        Assert.Equal(AbsoluteLimits.VibrationDailyA8MaxMPerS2.Value, envelope.VibrationDailyA8MaxMPerS2);
        Assert.Equal(AbsoluteLimits.ColdExposureMaxS.Value, envelope.ColdExposureMaxS);
        Assert.Equal(AbsoluteLimits.WarmExposureMaxS.Value, envelope.WarmExposureMaxS);
        Assert.Equal(AbsoluteLimits.MaxThermalHoldS.Value, envelope.MaxThermalHoldS);
        Assert.Equal(["pad1", "pad2"], envelope.Channels.Pads);
        Assert.Equal(["vib1", "vib2"], envelope.Channels.Vibration);
        Assert.Equal(["pressure1", "pressure2"], envelope.Channels.Pressure);
    }

    [Fact]
    public void Tighter_value_wins_and_is_enforced()
    {
        var envelope = ProfileEnvelope.Absolute().Tighten(padMaxTargetC: 40, vibrationMinHz: 50);

        Assert.Equal(40, envelope.PadMaxTargetC);
        Assert.Equal(50, envelope.VibrationMinHz);
        Assert.Equal(AbsoluteLimits.MaxRampCPerS.Value, envelope.MaxRampCPerS);

        var json = Samples.Edit(r => r.Step(0)["targetC"] = 41);
        Assert.True(ProfileParser.Parse(json).IsValid);
        Samples.SingleErrorWith(json, envelope, "steps[0].thermal.targetC", "41 is above the device limit of 40 °C");
    }

    [Fact]
    public void A_pressure_band_is_checked_against_the_trip_in_force()
    {
        var limits = LimitSet.Absolute.Tighten([(AbsoluteLimits.PressureMaxTripN, 40.0), (AbsoluteLimits.PressureMaxTargetN, 35.0)]);
        var envelope = ProfileEnvelope.For(DeviceChannels.Default, limits);
        var json = Samples.Edit(r =>
        {
            r.Step(2)["targetN"] = 30;
            r.Step(2)["toleranceN"] = 12;
        });

        Assert.Equal(40, envelope.PressureMaxTripN);
        Assert.True(ProfileParser.Parse(json).IsValid); // 42 N is under the absolute trip of 60 N
        Samples.SingleErrorWith(json, envelope, "steps[2].pressure.toleranceN", "the band's upper edge, 42 N, reaches the device's pressure trip of 40 N");
    }

    [Theory]
    [InlineData("PadMaxTargetC")]
    [InlineData("PadMinTargetC")]
    [InlineData("MaxRampCPerS")]
    [InlineData("MinRampCPerS")]
    [InlineData("VibrationMaxHz")]
    [InlineData("VibrationMaxBoutS")]
    [InlineData("PressureMaxTargetN")]
    [InlineData("VibrationDailyA8MaxMPerS2")]
    [InlineData("MaxSessionS")]
    public void Looser_value_is_refused_naming_the_limit(string limit)
    {
        var absolute = ProfileEnvelope.Absolute();
        Action loosen = limit switch
        {
            "PadMaxTargetC" => () => absolute.Tighten(padMaxTargetC: 45),
            "PadMinTargetC" => () => absolute.Tighten(padMinTargetC: 10),
            "MaxRampCPerS" => () => absolute.Tighten(maxRampCPerS: 3),
            "MinRampCPerS" => () => absolute.Tighten(minRampCPerS: 0.01),
            "VibrationMaxHz" => () => absolute.Tighten(vibrationMaxHz: 400),
            "VibrationMaxBoutS" => () => absolute.Tighten(vibrationMaxBoutS: 90),
            "PressureMaxTargetN" => () => absolute.Tighten(pressureMaxTargetN: 55),
            "VibrationDailyA8MaxMPerS2" => () => absolute.Tighten(vibrationDailyA8MaxMPerS2: 5),
            _ => () => absolute.Tighten(maxSessionS: 9000),
        };

        var ex = Assert.Throws<ArgumentException>(loosen);

        Assert.StartsWith(limit + ":", ex.Message, StringComparison.Ordinal);
        Assert.Contains("loosen", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tightened_envelope_cannot_be_loosened_back()
    {
        var tight = ProfileEnvelope.Absolute().Tighten(padMaxTargetC: 39);

        Assert.Throws<ArgumentException>(() => tight.Tighten(padMaxTargetC: 40));
        Assert.Equal(39, tight.Tighten(padMaxTargetC: 39).PadMaxTargetC);
    }

    [Fact]
    public void NaN_zero_or_crossed_limits_are_refused()
    {
        var absolute = ProfileEnvelope.Absolute();

        Assert.Throws<ArgumentException>(() => absolute.Tighten(padMaxTargetC: double.NaN));
        Assert.Throws<ArgumentException>(() => absolute.Tighten(maxSessionS: 0));
        var crossed = Assert.Throws<ArgumentException>(() => absolute.Tighten(padMinTargetC: 30, padMaxTargetC: 25));
        Assert.Contains("PadMinTargetC (30) is above PadMaxTargetC (25)", crossed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Device_channels_come_from_the_envelope()
    {
        var channels = new DeviceChannels(["pad1", "pad2", "pad3"], ["vib1"], ["pressure1"]);
        var envelope = ProfileEnvelope.Absolute(channels);

        Assert.Equal(
            ["steps[5].parallel.steps[1].vibration.channel: unknown channel \"vib2\"; this device's vibration channels are vib1"],
            Samples.Lines(ProfileParser.Parse(Samples.ContractExample, envelope)));
        var onPad3 = Samples.Edit(r =>
        {
            r.Step(0)["pad"] = "pad3";
            r.Step(5)["steps"]![1]!["channel"] = "vib1";
        });
        Assert.True(ProfileParser.Parse(onPad3, envelope).IsValid);
        Samples.SingleError(onPad3, "steps[0].thermal.pad", "unknown channel \"pad3\"; this device's pads are pad1, pad2");
    }

    [Fact]
    public void Repeated_channel_names_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new DeviceChannels(["pad1"], ["pad1"], []));
        Assert.Throws<ArgumentException>(() => new DeviceChannels([""], [], []));
    }

    [Fact]
    public void Validator_checks_a_profile_built_in_code()
    {
        var profile = new StimulusProfile("built", 0,
        [
            new ThermalStep("pad9", 44, 0, 10),
            new ParallelStep([new ParallelStep([new RestStep(1)])]),
            new VibrationStep("vib1", 100, 0.5, 10, VibrationPattern.Pulsed) { OnS = 1 },
        ]);

        var errors = ProfileValidator.Validate(profile, ProfileEnvelope.Absolute()).Select(e => e.ToString()).ToList();

        Assert.Equal(
            [
                "painStopAt: 0 is outside 1..10 (a rating on the 0-10 pain scale at or above which the session pauses)",
                "steps[0].thermal.pad: unknown channel \"pad9\"; this device's pads are pad1, pad2",
                "steps[0].thermal.targetC: 44 is above the device limit of 42 °C",
                "steps[0].thermal.rampCPerS: 0 °C/s would never reach the target; the ramp must be 0.05 to 2 °C/s",
                "steps[1].parallel.steps[0].kind: a parallel step cannot contain another parallel step",
                "steps[2].vibration.offS: missing required field: a pulsed pattern needs onS and offS (seconds on, seconds off)",
            ],
            errors);
        Assert.Empty(ProfileValidator.Validate(ProfileParser.Parse(Samples.ContractExample).Value!, ProfileEnvelope.Absolute()));
    }
}
