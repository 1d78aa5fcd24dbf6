using AmpsDevice.FirmwareHost.Cli;
using AmpsDevice.Protocol.Profiles;

namespace AmpsDevice.Protocol.Tests.Profiles;

public sealed class ValidateVerbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("amps-validate-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        _out.Dispose();
        _err.Dispose();
    }

    [Fact]
    public void Valid_profile_exits_0_with_the_summary_on_stdout()
    {
        var path = Write("ok.json", Samples.ContractExample);

        var code = ValidateVerb.Run([path], _out, _err);

        Assert.Equal(0, code);
        Assert.Equal(ProfileSummary.Describe(ProfileParser.Parse(Samples.ContractExample).Value!) + Environment.NewLine, _out.ToString());
        Assert.Contains("total 4:42", _out.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _err.ToString());
    }

    [Fact]
    public void Invalid_profile_exits_2_with_each_error_on_its_own_line_on_stderr()
    {
        var path = Write("bad.json", Samples.Edit(r =>
        {
            r.Step(0)["targetC"] = 47;
            r.Step(1)["frequencyHz"] = "NaN";
            r["painStopAt"] = 0;
        }));

        var code = ValidateVerb.Run([path], _out, _err);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, _out.ToString());
        Assert.Equal(
            [
                "painStopAt: 0 is outside 1..10 (a rating on the 0-10 pain scale at or above which the session pauses)",
                "steps[0].thermal.targetC: 47 is above the device limit of 42 °C",
                "steps[1].vibration.frequencyHz: \"NaN\" is not a finite number; expected a number",
            ],
            Lines(_err));
    }

    [Fact]
    public void Not_json_exits_2_with_the_position()
    {
        var code = ValidateVerb.Run([Write("x.json", "{ \"schema\": ")], _out, _err);

        Assert.Equal(2, code);
        Assert.StartsWith("$: not valid JSON at line 1, byte 13", Assert.Single(Lines(_err)), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_exits_2_with_file_not_found()
    {
        var path = Path.Combine(_dir, "nope.json");

        var code = ValidateVerb.Run([path], _out, _err);

        Assert.Equal(2, code);
        Assert.Equal([$"{path}: file not found"], Lines(_err));
    }

    [Fact]
    public void Missing_folder_exits_2_with_file_not_found()
    {
        var path = Path.Combine(_dir, "no-such-folder", "p.json");

        Assert.Equal(2, ValidateVerb.Run([path], _out, _err));
        Assert.Equal([$"{path}: file not found"], Lines(_err));
    }

    [Fact]
    public void Directory_exits_2_saying_it_is_a_directory()
    {
        Assert.Equal(2, ValidateVerb.Run([_dir], _out, _err));
        Assert.Equal([$"{_dir}: is a directory, not a profile file"], Lines(_err));
    }

    [Fact]
    public void Empty_file_exits_2()
    {
        Assert.Equal(2, ValidateVerb.Run([Write("empty.json", "")], _out, _err));
        Assert.StartsWith("$: not valid JSON at line 1, byte 1", Assert.Single(Lines(_err)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Wrong_number_of_arguments_exits_2_with_usage(int count)
    {
        var args = Enumerable.Range(0, count).Select(i => $"p{i}.json").ToArray();

        Assert.Equal(2, ValidateVerb.Run(args, _out, _err));
        Assert.Contains("usage: ampsdevice validate <profile.json>", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _out.ToString());
    }

    [Fact]
    public void Empty_path_exits_2_with_usage()
    {
        Assert.Equal(2, ValidateVerb.Run([""], _out, _err));
        Assert.StartsWith("validate: the profile path is empty", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Path_through_a_file_exits_2_with_file_not_found()
    {
        var path = Path.Combine(Write("plain.json", Samples.ContractExample), "inner.json");

        Assert.Equal(2, ValidateVerb.Run([path], _out, _err));
        Assert.Equal([$"{path}: file not found"], Lines(_err));
    }

    [Fact]
    public void Oversized_file_exits_2_with_its_size()
    {
        var path = Write("big.json", Samples.ContractExample + new string(' ', ProfileParser.MaxBytes));

        Assert.Equal(2, ValidateVerb.Run([path], _out, _err));
        Assert.Equal([$"{path}: the profile is {new FileInfo(path).Length} bytes; a profile may be at most 1048576 bytes (1 MiB)"], Lines(_err));
    }

    [Fact]
    public void Unknown_option_exits_2_with_usage()
    {
        Assert.Equal(2, ValidateVerb.Run(["--strict"], _out, _err));
        Assert.StartsWith("validate: unknown option --strict", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_exits_0_with_usage_on_stdout()
    {
        Assert.Equal(0, ValidateVerb.Run(["--help"], _out, _err));
        Assert.StartsWith("usage: ampsdevice validate", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_tightened_envelope_is_applied()
    {
        var path = Write("ok.json", Samples.ContractExample);

        var code = ValidateVerb.Run([path], _out, _err, ProfileEnvelope.Absolute().Tighten(padMaxTargetC: 37));

        Assert.Equal(2, code);
        Assert.Equal(["steps[0].thermal.targetC: 38 is above the device limit of 37 °C"], Lines(_err));
    }

    [Fact]
    public void Errors_with_line_breaks_in_names_stay_on_one_line_and_no_stack_trace_appears()
    {
        var path = Write("odd.json", Samples.Edit(r => r["na\nme"] = 1));

        Assert.Equal(2, ValidateVerb.Run([path], _out, _err));
        var line = Assert.Single(Lines(_err));
        Assert.StartsWith("$[\"na\\u000ame\"]: unknown field", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_failure_inside_the_verb_exits_1_without_a_stack_trace()
    {
        var path = Write("ok.json", Samples.ContractExample);

        var code = ValidateVerb.Run([path], new FailingWriter(), _err);

        Assert.Equal(1, code);
        Assert.Equal(["validate: internal error (IOException): stdout is closed"], Lines(_err));
    }

    private sealed class FailingWriter : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => throw new IOException("stdout is closed");

        public override void WriteLine(string? value) => throw new IOException("stdout is closed");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static List<string> Lines(StringWriter writer) =>
        [.. writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)];
}
