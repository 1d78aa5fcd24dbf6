using AmpsDevice.FirmwareHost.Control;

namespace AmpsDevice.Control.Tests.Control;

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

    [Theory]
    [InlineData(1)]
    [InlineData(99)]
    public void The_priorities_1_and_99_are_asked_of_the_kernel(int priority)
    {
        string? why = "not run";
        var thread = new Thread(() => why = RealTimeScheduling.TryEnterFifo(priority));
        thread.Start();
        thread.Join();

        // Granted, or refused by the kernel (not by the range check, which would throw).
        Assert.True(why is null || why.Contains("errno", StringComparison.Ordinal), why);
    }

    [Fact]
    public void A_refusal_by_the_kernel_is_told_with_the_priority_asked_and_the_errno()
    {
        var (why, fifo) = WithoutRealTimeRights.Run(() => (RealTimeScheduling.TryEnterFifo(10), RealTimeScheduling.IsFifo()));

        Assert.False(fifo);
        Assert.Equal("sched_setscheduler(SCHED_FIFO, 10) failed: Operation not permitted (errno 1)", why);
    }
}
