using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Control.Tests;

public sealed class RealTimeSchedulingTests
{
    [Fact]
    public void A_thread_either_runs_under_sched_fifo_afterwards_or_is_told_exactly_why_not()
    {
        string? why = null;
        var fifo = false;
        var thread = new Thread(() =>
        {
            why = RealTimeScheduling.TryEnterFifo(10);
            fifo = RealTimeScheduling.IsFifo();
        });
        thread.Start();
        thread.Join();

        if (why is null)
        {
            Assert.True(fifo, "TryEnterFifo reported success but the thread is not SCHED_FIFO");
        }
        else
        {
            // Without root, CAP_SYS_NICE or RLIMIT_RTPRIO the kernel refuses with EPERM; the message says so.
            Assert.False(fifo);
            Assert.Contains("errno 1", why, StringComparison.Ordinal);
        }

        // Only the loop's own thread is affected: this one is still a normal thread.
        Assert.False(RealTimeScheduling.IsFifo());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    public void A_priority_outside_1_to_99_is_refused(int priority) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RealTimeScheduling.TryEnterFifo(priority));
}
