using System.Runtime.InteropServices;

namespace AmpsDevice.Control.Tests.Control;

/// <summary>
/// Runs code on a thread that may not ask for real-time scheduling, as on a device whose service lacks
/// <c>CAP_SYS_NICE</c> and <c>LimitRTPRIO=</c>: the thread drops <c>CAP_SYS_NICE</c> from its own effective
/// capabilities (Linux keeps them per thread, and threads it starts inherit them). Without that right and with
/// RLIMIT_RTPRIO at 0, the kernel refuses SCHED_FIFO even to root, so the refusal can be tested on a machine that
/// would grant it.
/// </summary>
internal static partial class WithoutRealTimeRights
{
    private const int CapSysNice = 23;
    private const uint CapabilityVersion3 = 0x20080522;

    public static T Run<T>(Func<T> action)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropSysNice();
                result = action();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException("running without real-time rights failed", failure);
        }

        return result;
    }

    private static void DropSysNice()
    {
        var header = new CapHeader { Version = CapabilityVersion3 };
        var data = default(CapData);
        if (CapGet(ref header, ref data) != 0)
        {
            throw new InvalidOperationException($"capget failed (errno {Marshal.GetLastPInvokeError()})");
        }

        data.Low.Effective &= ~(1u << CapSysNice);
        if (CapSet(ref header, ref data) != 0)
        {
            throw new InvalidOperationException($"capset failed (errno {Marshal.GetLastPInvokeError()})");
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapSet32
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    /// <summary>Capabilities 0-31 and 32-63.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public CapSet32 Low;
        public CapSet32 High;
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static partial int CapGet(ref CapHeader header, ref CapData data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static partial int CapSet(ref CapHeader header, ref CapData data);
}
