using System.Buffers.Binary;
using System.Text;

namespace AmpsDevice.Bench.Support;

/// <summary>
/// One MQTT 5 packet seen on the wire by <see cref="LoopbackCapture"/>: its type, its packet identifier (PUBLISH at
/// QoS 1 and PUBACK), a PUBLISH's topic and the <c>seq</c> of its JSON payload (-1 when it has none), when it
/// crossed the interface (a <see cref="System.Diagnostics.Stopwatch"/> timestamp) and between which ports.
/// </summary>
public sealed record MqttPacketSeen(int Type, int PacketId, string Topic, long Seq)
{
    public const int Publish = 3;
    public const int PubAck = 4;

    public long Timestamp { get; init; }

    public int FromPort { get; init; }

    public int ToPort { get; init; }

    public bool ToBroker { get; init; }

    /// <summary>
    /// Reads the packet at the start of <paramref name="bytes"/>: false when it is not complete yet; true with its
    /// <paramref name="length"/> otherwise, and <paramref name="packet"/> set for PUBLISH and PUBACK. Bytes that
    /// cannot start a packet (a capture begun mid-stream) are skipped whole.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> bytes, out int length, out MqttPacketSeen? packet)
    {
        packet = null;
        length = 0;
        if (bytes.IsEmpty)
        {
            return false;
        }

        var remaining = 0;
        var position = 1;
        for (var shift = 0; ; shift += 7, position++)
        {
            if (position >= bytes.Length)
            {
                return false;
            }

            if (shift > 21)
            {
                length = bytes.Length;
                return true;
            }

            remaining |= (bytes[position] & 0x7F) << shift;
            if ((bytes[position] & 0x80) == 0)
            {
                break;
            }
        }

        length = position + 1 + remaining;
        if (length > bytes.Length)
        {
            length = 0;
            return false;
        }

        var type = bytes[0] >> 4;
        var body = bytes.Slice(position + 1, remaining);
        if (type == PubAck && body.Length >= 2)
        {
            packet = new MqttPacketSeen(type, BinaryPrimitives.ReadUInt16BigEndian(body), "", -1);
        }
        else if (type == Publish && body.Length >= 2)
        {
            var qos = (bytes[0] >> 1) & 3;
            var topicLength = BinaryPrimitives.ReadUInt16BigEndian(body);
            var topic = Encoding.UTF8.GetString(body.Slice(2, Math.Min(topicLength, body.Length - 2)));
            var packetId = qos > 0 && body.Length >= 4 + topicLength ? BinaryPrimitives.ReadUInt16BigEndian(body[(2 + topicLength)..]) : 0;
            packet = new MqttPacketSeen(type, packetId, topic, ReadSeq(body));
        }

        return true;
    }

    private static long ReadSeq(ReadOnlySpan<byte> body)
    {
        var at = body.IndexOf("\"seq\":"u8);
        if (at < 0)
        {
            return -1;
        }

        long seq = 0;
        var digits = body[(at + 6)..];
        var i = 0;
        for (; i < digits.Length && digits[i] is >= (byte)'0' and <= (byte)'9'; i++)
        {
            seq = seq * 10 + digits[i] - '0';
        }

        return i == 0 ? -1 : seq;
    }
}
