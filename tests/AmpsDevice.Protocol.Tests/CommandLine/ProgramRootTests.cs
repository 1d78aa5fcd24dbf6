using System.CommandLine;
using AmpsDevice.Protocol.CommandLine;

namespace AmpsDevice.Protocol.Tests.CommandLine;

/// <summary>
/// What a program sets on its root and nothing else decides: the name its usage and errors give it, its version, the
/// words it lets through, what a bug does. Each program's own command-line tests check its whole wording.
/// </summary>
public sealed class ProgramRootTests
{
    [Fact]
    public async Task Usage_errors_and_help_name_the_program_as_its_root_says()
    {
        var (code, _, err) = await RunAsync(Program(), "strat");
        Assert.Equal(CliExitCodes.UsageError, code);
        Assert.Equal(["tool: unknown verb 'strat'; did you mean 'start'?", "usage: tool [start|stop] [options]"], Lines(err).Take(2));

        (code, var output, _) = await RunAsync(Program(), "stop", "--help");
        Assert.Equal(CliExitCodes.Done, code);
        Assert.StartsWith($"usage: tool stop [options]{Environment.NewLine}{Environment.NewLine}Description:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_version_the_program_gives()
    {
        var (code, output, _) = await RunAsync(Program(), "--version");
        Assert.Equal((CliExitCodes.Done, "1.2.3-test" + Environment.NewLine), (code, output));
    }

    [Fact]
    public async Task A_root_that_lets_words_through_names_only_the_others()
    {
        string[]? through = null;
        var root = new ProgramRoot("tool", "A program", "1.0") { PassThrough = new KeepWords() };
        root.SetAction(result =>
        {
            through = [.. result.UnmatchedTokens];
            return CliExitCodes.Done;
        });
        root.Add(new Command("stop", "Stops"));

        Assert.Equal(CliExitCodes.Done, (await RunAsync(root, "--keep:a", "--keep:b")).Code);
        Assert.Equal(["--keep:a", "--keep:b"], through!);

        var (code, _, err) = await RunAsync(root, "--keep:a", "--other", "--keep");
        Assert.Equal(CliExitCodes.UsageError, code);
        Assert.Equal(["tool: unknown option --other", "tool: --keep needs a value"], Lines(err).Take(2));
        Assert.DoesNotContain("Additional Arguments", err, StringComparison.Ordinal);

        // Under a verb, nothing passes.
        (code, _, err) = await RunAsync(root, "stop", "--keep:a");
        Assert.Equal((CliExitCodes.UsageError, "stop: unknown option --keep:a"), (code, Lines(err)[0]));
    }

    [Fact]
    public async Task A_root_that_lets_no_words_through_refuses_every_unknown_one()
    {
        var (code, _, err) = await RunAsync(Program(), "stop", "--keep:a");
        Assert.Equal((CliExitCodes.UsageError, "stop: unknown option --keep:a"), (code, Lines(err)[0]));
    }

    [Fact]
    public async Task A_bug_is_the_exit_code_the_program_gives_it_with_the_exception_on_stderr()
    {
        var failing = new ProgramRoot("tool", "A program", "1.0") { InternalErrorExitCode = 7 };
        failing.SetAction(Fails);

        var (code, _, err) = await RunAsync(failing);
        Assert.Equal(7, code);
        Assert.StartsWith("tool: internal error: System.InvalidOperationException: boom", err, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_exit_code_for_a_bug_the_exception_leaves_the_program()
    {
        var root = new ProgramRoot("tool", "A program", "1.0");
        root.SetAction(Fails);
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync(root));
        Assert.Equal("boom", thrown.Message);
    }

    private static int Fails(ParseResult result) => throw new InvalidOperationException("boom");

    private static ProgramRoot Program()
    {
        var root = new ProgramRoot("tool", "A program", "1.2.3-test");
        root.SetAction(_ => CliExitCodes.Done);
        root.Add(new Command("start", "Starts"));
        root.Add(new Command("stop", "Stops"));
        return root;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(ProgramRoot root, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliInvocation.InvokeAsync(root, args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split(Environment.NewLine);

    /// <summary>Takes <c>--keep:NAME</c>; a bare <c>--keep</c> is one without its name.</summary>
    private sealed class KeepWords : IPassThroughWords
    {
        public IReadOnlyList<string> Rejected(IReadOnlyList<string> tokens) => [.. tokens.Where(t => !t.StartsWith("--keep:", StringComparison.Ordinal))];

        public bool NeedsValue(string token) => token == "--keep";
    }
}
