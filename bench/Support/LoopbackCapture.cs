using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// Watches the MQTT packets to and from one broker port on the loopback interface (an AF_PACKET socket, which
/// needs CAP_NET_RAW), each stamped by the kernel when it crossed the interface, so that the moments a message
/// left the device's connection, left the broker and was acknowledged are known without touching the processes
/// involved, and without the capturing thread's own scheduling counting. Per TCP direction the segments are joined
/// back into a byte stream and cut into MQTT packets; a packet's time is that of the segment holding its last byte.
/// </summary>
public sealed partial class LoopbackCapture : IDisposable
{
    private const int AfPacket = 17;
    private const int SockRaw = 3;
    private const ushort EthPAllNetworkOrder = 0x0300;   // htons(ETH_P_ALL)
    private const int SolSocket = 1;
    private const int SoRcvTimeo = 20;
    private const int SoRcvBufForce = 33;
    private const ulong SiocGStampNs = 0x8907;
    private const byte PacketOutgoing = 4;
    private const int EthernetHeader = 14;

    private readonly int _fd;
    private readonly int _brokerPort;
    private readonly long _realTimeMinusStopwatchNs;
    private readonly Thread _reader;
    private readonly Lock _gate = new();
    private readonly Dictionary<(int From, int To), List<byte>> _streams = [];
    private readonly List<MqttPacketSeen> _packets = [];
    private volatile bool _stopping;

    private LoopbackCapture(int fd, int brokerPort)
    {
        _fd = fd;
        _brokerPort = brokerPort;
        _realTimeMinusStopwatchNs = RealTimeMinusStopwatchNs();
        _reader = new Thread(Read) { Name = "loopback-capture", IsBackground = true };
        _reader.Start();
    }

    /// <summary>A capture of the MQTT traffic of <paramref name="brokerPort"/>; null, with the reason, where the process may not open one.</summary>
    public static LoopbackCapture? TryStart(int brokerPort, out string? whyNot)
    {
        whyNot = null;
        if (!OperatingSystem.IsLinux())
        {
            whyNot = "packet capture is only done on Linux";
            return null;
        }

        var fd = Socket(AfPacket, SockRaw, EthPAllNetworkOrder);
        if (fd < 0)
        {
            whyNot = $"an AF_PACKET socket was refused ({Marshal.GetLastPInvokeErrorMessage()}; it needs CAP_NET_RAW)";
            return null;
        }

        var address = new SockAddrLl { Family = AfPacket, Protocol = EthPAllNetworkOrder, IfIndex = (int)IfNameToIndex("lo") };
        var buffer = 32 * 1024 * 1024;
        var timeout = new TimeVal { Seconds = 0, Microseconds = 200_000 };
        if (Bind(fd, in address, Marshal.SizeOf<SockAddrLl>()) != 0
            || SetSockOpt(fd, SolSocket, SoRcvTimeo, in timeout, Marshal.SizeOf<TimeVal>()) != 0)
        {
            whyNot = $"the capture socket could not be set up: {Marshal.GetLastPInvokeErrorMessage()}";
            _ = Close(fd);
            return null;
        }

        _ = SetSockOpt(fd, SolSocket, SoRcvBufForce, in buffer, sizeof(int));
        _ = IoCtl(fd, SiocGStampNs, out _);   // the first asks the kernel to stamp every packet from now on
        return new LoopbackCapture(fd, brokerPort);
    }

    /// <summary>The MQTT packets seen so far, in the order they crossed the interface.</summary>
    public IReadOnlyList<MqttPacketSeen> Packets()
    {
        lock (_gate)
        {
            return [.. _packets];
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _packets.Clear();
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _reader.Join();
        _ = Close(_fd);
    }

    private void Read()
    {
        var frame = new byte[65_600];
        while (!_stopping)
        {
            var from = default(SockAddrLl);
            var fromLength = Marshal.SizeOf<SockAddrLl>();
            var length = (int)RecvFrom(_fd, frame, frame.Length, 0, ref from, ref fromLength);
            if (length <= 0 || from.PacketType == PacketOutgoing)
            {
                continue;   // timeout (to look at _stopping), or the sending copy of a loopback packet
            }

            if (IoCtl(_fd, SiocGStampNs, out var stamp) != 0)
            {
                continue;
            }

            var stopwatchNs = stamp.Seconds * 1_000_000_000L + stamp.Nanoseconds - _realTimeMinusStopwatchNs;
            Take(frame.AsSpan(0, length), (long)(stopwatchNs * (Stopwatch.Frequency / 1e9)));
        }
    }

    private void Take(ReadOnlySpan<byte> frame, long timestamp)
    {
        // Loopback frames carry an Ethernet header of zeros; only IPv4 TCP with a payload to or from the broker.
        if (frame.Length < EthernetHeader + 20 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800)
        {
            return;
        }

        var ip = frame[EthernetHeader..];
        var ipHeader = (ip[0] & 0x0F) * 4;
        if (ip[9] != 6 || ip.Length < ipHeader + 20)
        {
            return;
        }

        var totalLength = Math.Min(BinaryPrimitives.ReadUInt16BigEndian(ip[2..]), ip.Length);
        var tcp = ip[ipHeader..totalLength];
        var sourcePort = BinaryPrimitives.ReadUInt16BigEndian(tcp);
        var destinationPort = BinaryPrimitives.ReadUInt16BigEndian(tcp[2..]);
        var payload = tcp[((tcp[12] >> 4) * 4)..];
        if (payload.IsEmpty || (sourcePort != _brokerPort && destinationPort != _brokerPort))
        {
            return;
        }

        lock (_gate)
        {
            var key = (sourcePort, destinationPort);
            if (!_streams.TryGetValue(key, out var stream))
            {
                _streams[key] = stream = [];
            }

            stream.AddRange(payload);
            CutPackets(key, stream, timestamp);
        }
    }

    private void CutPackets((int From, int To) key, List<byte> stream, long timestamp)
    {
        var bytes = CollectionsMarshal.AsSpan(stream);
        var used = 0;
        while (MqttPacketSeen.TryRead(bytes[used..], out var length, out var packet))
        {
            if (packet is { } seen)
            {
                _packets.Add(seen with { Timestamp = timestamp, FromPort = key.From, ToPort = key.To, ToBroker = key.To == _brokerPort });
            }

            used += length;
        }

        stream.RemoveRange(0, used);
    }

    private static long RealTimeMinusStopwatchNs()
    {
        // The kernel stamps with CLOCK_REALTIME; Stopwatch is CLOCK_MONOTONIC. The tightest of a few brackets.
        var best = long.MaxValue;
        var offset = 0L;
        for (var i = 0; i < 20; i++)
        {
            var before = Stopwatch.GetTimestamp();
            _ = ClockGetTime(0, out var now);
            var after = Stopwatch.GetTimestamp();
            if (after - before < best)
            {
                best = after - before;
                var middleNs = (long)((before + after) / 2.0 * 1e9 / Stopwatch.Frequency);
                offset = now.Seconds * 1_000_000_000L + now.Nanoseconds - middleNs;
            }
        }

        return offset;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct SockAddrLl
    {
        public ushort Family;
        public ushort Protocol;
        public int IfIndex;
        public ushort HardwareType;
        public byte PacketType;
        public byte AddressLength;
        public ulong Address;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "if_nametoindex", StringMarshalling = StringMarshalling.Utf8)]
    private static partial uint IfNameToIndex(string name);

    [LibraryImport("libc", EntryPoint = "bind", SetLastError = true)]
    private static partial int Bind(int fd, in SockAddrLl address, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, in int value, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, in TimeVal value, int length);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    private static partial nint RecvFrom(int fd, byte[] buffer, nint length, int flags, ref SockAddrLl from, ref int fromLength);

    [LibraryImport("libc", EntryPoint = "ioctl", SetLastError = true)]
    private static partial int IoCtl(int fd, ulong request, out TimeSpec stamp);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);
}
