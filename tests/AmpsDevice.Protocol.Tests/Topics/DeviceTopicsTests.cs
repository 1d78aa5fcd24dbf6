using AmpsDevice.Protocol.Messages;
using AmpsDevice.Protocol.Topics;

namespace AmpsDevice.Protocol.Tests.Topics;

public class DeviceTopicsTests
{
    [Fact]
    public void Topics_follow_the_v1_tree_and_reject_ids_that_are_not_one_level()
    {
        var t = new DeviceTopics("dev-1");
        Assert.Equal("amps/v1/dev-1/status", t.Status);
        Assert.Equal("amps/v1/dev-1/telemetry", t.Telemetry);
        Assert.Equal("amps/v1/dev-1/session", t.Session);
        Assert.Equal("amps/v1/dev-1/events", t.Events);
        Assert.Equal("amps/v1/dev-1/alarms", t.Alarms);
        Assert.Equal("amps/v1/dev-1/cmd/session.start", t.Command(CommandNames.SessionStart));
        Assert.Equal("session.stop", t.TryGetCommandName("amps/v1/dev-1/cmd/session.stop"));
        Assert.Null(t.TryGetCommandName("amps/v1/dev-2/cmd/session.stop"));
        Assert.Throws<ArgumentException>(() => new DeviceTopics("a/b"));
        Assert.Throws<ArgumentException>(() => new DeviceTopics("a+"));
        Assert.Throws<ArgumentException>(() => new DeviceTopics(""));
    }
}
