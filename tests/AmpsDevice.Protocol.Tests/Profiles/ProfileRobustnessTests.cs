using System.Text;
using System.Text.Json.Nodes;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Tests.Profiles;

/// <summary>Runs alone, so that the process-wide allocation counter sees only the parser's allocations.</summary>
[CollectionDefinition(nameof(AllocationMeasuring), DisableParallelization = true)]
public sealed class AllocationMeasuring;

/// <summary>Hostile input: huge, deep, random and mutated documents. The parser always answers, never throws.</summary>
[Collection(nameof(AllocationMeasuring))]
public class ProfileRobustnessTests
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;

    [Fact]
    public void A_50_MB_file_is_refused_without_reading_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"amps-huge-{Guid.NewGuid():N}.json");
        try
        {
            using (var file = File.Create(path))
            {
                file.SetLength(FiftyMegabytes); // sparse: costs no disk and no time
            }

            var before = GC.GetTotalAllocatedBytes(precise: true);
            var beforeThread = GC.GetAllocatedBytesForCurrentThread();
            var result = ProfileParser.ParseFile(path);
            var allocatedThread = GC.GetAllocatedBytesForCurrentThread() - beforeThread;
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

            var error = Assert.Single(result.Errors);
            Assert.Equal($"{path}: the profile is 52428800 bytes; a profile may be at most 1048576 bytes (1 MiB)", error.ToString());
            Assert.True(allocated < FiftyMegabytes / 50, $"allocated {allocated} bytes in the process");
            Assert.True(allocatedThread < 64 * 1024, $"allocated {allocatedThread} bytes on the parsing thread");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_endless_unseekable_stream_is_read_only_up_to_the_cap()
    {
        using var stream = new EndlessStream((byte)'[');

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var beforeThread = GC.GetAllocatedBytesForCurrentThread();
        var result = ProfileParser.Parse(stream);
        var allocatedThread = GC.GetAllocatedBytesForCurrentThread() - beforeThread;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Equal(["$: the profile is larger than 1048576 bytes (1 MiB), the most a profile may be"], Samples.Lines(result));
        Assert.Equal(ProfileParser.MaxBytes + 1, stream.BytesRead);
        Assert.True(allocated < FiftyMegabytes / 5, $"allocated {allocated} bytes in the process");
        Assert.True(allocatedThread < 4L * ProfileParser.MaxBytes, $"allocated {allocatedThread} bytes on the parsing thread"); // growing buffer: ~2 MiB
    }

    [Fact]
    public void A_seekable_50_MB_stream_is_refused_before_reading()
    {
        using var stream = new EndlessStream((byte)' ', length: FiftyMegabytes);

        var result = ProfileParser.Parse(stream);

        Assert.Equal(["$: the profile is 52428800 bytes; a profile may be at most 1048576 bytes (1 MiB)"], Samples.Lines(result));
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void A_profile_just_under_the_cap_is_parsed_and_one_byte_over_is_not()
    {
        var body = Samples.ContractExample;
        var padding = ProfileParser.MaxBytes - Encoding.UTF8.GetByteCount(body);
        var atCap = body + new string(' ', padding);
        Assert.True(ProfileParser.Parse(atCap).IsValid);

        var over = ProfileParser.Parse(atCap + " ");
        Assert.Equal("$", Assert.Single(over.Errors).Path);
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    public void Ten_thousand_levels_of_nesting_are_an_error_not_a_crash(string open, string close)
    {
        var json = string.Concat(Enumerable.Repeat(open, 10_000)) + string.Concat(Enumerable.Repeat(close, 10_000));

        var error = Samples.SingleError(json, "$", "not valid JSON at line 1");

        Assert.Contains("depth", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(20261125);
        for (var i = 0; i < 3000; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);
            if (i % 2 == 0)
            {
                // Mostly printable JSON-ish characters, so the parser gets past the first byte.
                const string alphabet = "{}[]\":,0123456789.eE+- \ntruefalsnkidNaI";
                for (var j = 0; j < bytes.Length; j++)
                {
                    bytes[j] = (byte)alphabet[random.Next(alphabet.Length)];
                }
            }

            AssertAnswers(ProfileParser.Parse(bytes));
        }
    }

    [Fact]
    public void Byte_level_mutations_of_a_valid_profile_never_throw()
    {
        var random = new Random(7);
        var valid = Encoding.UTF8.GetBytes(Samples.ContractExample);
        var sawValid = 0;
        var sawInvalid = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = valid.ToList();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at)); break;
                    case 2: bytes.InsertRange(at, Encoding.UTF8.GetBytes(Tokens[random.Next(Tokens.Length)])); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }

                if (bytes.Count == 0)
                {
                    break;
                }
            }

            var result = ProfileParser.Parse(bytes.ToArray());
            AssertAnswers(result);
            _ = result.IsValid ? sawValid++ : sawInvalid++;
        }

        Assert.True(sawInvalid > 2000, $"{sawInvalid} invalid");
        Assert.True(sawValid > 0, "some mutations (whitespace, digits) should stay valid");
    }

    [Fact]
    public void Value_level_mutations_of_a_valid_profile_never_throw()
    {
        var random = new Random(42);
        for (var i = 0; i < 3000; i++)
        {
            var root = JsonNode.Parse(Samples.ContractExample)!;
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                var (parent, key) = PickSlot(root, random);
                var value = RandomValue(random);
                if (parent is JsonObject o)
                {
                    o[(string)key] = value;
                }
                else if (parent is JsonArray a)
                {
                    a[(int)key] = value;
                }
            }

            var result = ProfileParser.Parse(root.ToJsonString());
            AssertAnswers(result);
            foreach (var error in result.Errors)
            {
                Assert.False(string.IsNullOrWhiteSpace(error.Path));
                Assert.DoesNotContain('\n', error.Message);
            }
        }
    }

    private static readonly string[] Tokens =
        ["NaN", "1e999", "-1", "0", "\"x\"", "null", "[", "]", "{", "}", ",", ":", "\"kind\":\"parallel\"", "\"steps\":[", "\\u0000", "\"\\ud800\"", "999999999999"];

    private static void AssertAnswers(ValidationResult<StimulusProfile> result)
    {
        Assert.NotNull(result);
        Assert.True(result.IsValid ^ result.Errors.Count > 0, "a result is either a valid profile or a list of errors");
        if (result.Value is { } profile)
        {
            Assert.Empty(ProfileValidator.Validate(profile, ProfileEnvelope.Absolute()));
            Assert.Equal(ProfileJson.Serialize(profile), ProfileJson.Serialize(ProfileParser.Parse(ProfileJson.Serialize(profile)).Value!));
            Assert.False(string.IsNullOrEmpty(ProfileSummary.Describe(profile)));
        }
    }

    private static (JsonNode Parent, object Key) PickSlot(JsonNode root, Random random)
    {
        var slots = new List<(JsonNode, object)>();
        void Walk(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList())
                    {
                        slots.Add((o, k));
                        if (v is not null)
                        {
                            Walk(v);
                        }
                    }

                    slots.Add((o, "extra"));
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        slots.Add((a, i));
                        if (a[i] is { } v)
                        {
                            Walk(v);
                        }
                    }

                    break;
            }
        }

        Walk(root);
        return slots[random.Next(slots.Count)];
    }

    private static JsonNode? RandomValue(Random random) => random.Next(14) switch
    {
        0 => null,
        1 => JsonValue.Create(random.NextDouble() * 1000 - 500),
        2 => JsonValue.Create(double.MaxValue),
        3 => JsonValue.Create("NaN"),
        4 => JsonValue.Create("Infinity"),
        5 => new JsonArray(),
        6 => new JsonObject(),
        7 => JsonValue.Create(true),
        8 => JsonValue.Create(random.Next(-5, 400)),
        9 => JsonValue.Create("pad1"),
        10 => JsonValue.Create("parallel"),
        11 => JsonValue.Create("pulsed"),
        12 => JsonValue.Create(0),
        _ => new JsonObject { ["kind"] = "rest", ["durationS"] = random.Next(-1, 100) },
    };

    /// <summary>A stream of one repeated byte: endless and unseekable, or of a given length and seekable.</summary>
    private sealed class EndlessStream(byte fill, long? length = null) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => length is not null;

        public override bool CanWrite => false;

        public override long Length => length ?? throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = length is { } l ? (int)Math.Min(count, l - BytesRead) : count;
            buffer.AsSpan(offset, n).Fill(fill);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
