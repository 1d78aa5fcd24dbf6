using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Tests.Support;

namespace AmpsDevice.Dashboard.Tests.Server;

public sealed class TopicAndOptionsTests
{
    [Theory]
    [InlineData("amps/v1/dev-1/status", "dev-1", TopicKind.Status)]
    [InlineData("amps/v1/dev-1/telemetry", "dev-1", TopicKind.Telemetry)]
    [InlineData("amps/v1/<i onmouseover=x>/alarms", "<i onmouseover=x>", TopicKind.Alarms)]
    [InlineData("amps/v1/dev-1/reply/dash", "dev-1", TopicKind.Reply)]
    public void A_device_topic_gives_its_device_id_as_written_and_its_kind(string topic, string id, TopicKind kind)
    {
        Assert.True(DeviceTopic.TryParse(topic, out var parsed));
        Assert.Equal(id, parsed.DeviceId);
        Assert.Equal(kind, parsed.Kind);
    }

    [Theory]
    [InlineData("amps/v1/dev-1/cmd/session.stop")]
    [InlineData("amps/v2/dev-1/status")]
    [InlineData("amps/v1//status")]
    [InlineData("other/dev-1/status")]
    public void Other_topics_are_not_device_topics(string topic) => Assert.False(DeviceTopic.TryParse(topic, out _));

    [Fact]
    public void A_device_id_level_longer_than_the_limit_is_ignored() =>
        Assert.False(DeviceTopic.TryParse($"amps/v1/{new string('a', DeviceTopic.MaxIdLength + 1)}/status", out _));

    [Fact]
    public void The_subscriptions_cover_every_device_topic_and_only_this_dashboards_replies()
    {
        var filters = DeviceTopic.Filters("dash-1");
        Assert.Equal(["amps/v1/+/status", "amps/v1/+/telemetry", "amps/v1/+/session", "amps/v1/+/events", "amps/v1/+/alarms", "amps/v1/+/reply/dash-1"], filters);
    }

    [Fact]
    public async Task The_dashboards_own_options_become_configuration_keys_and_the_rest_pass_through()
    {
        var args = await DashboardCliRunner.HostArgumentsAsync(["--mqtt", "mqtt://h:1", "--data=/var/lib/x", "--urls", "http://0.0.0.0:80"]);
        Assert.Equal(["--Dashboard:Mqtt=mqtt://h:1", "--Dashboard:DataDirectory=/var/lib/x", "--urls", "http://0.0.0.0:80"], args);
    }

    [Fact]
    public void Log_text_from_a_device_cannot_forge_lines()
    {
        Assert.Equal("a\\u000ab", LogText.Safe("a\nb"));
        Assert.Equal(LogText.MaxLength + 3, LogText.Safe(new string('x', 500)).Length);
    }
}
