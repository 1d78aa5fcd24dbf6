using AmpsDevice.Fuzz;

namespace AmpsDevice.Protocol.Tests.Fuzzing;

/// <summary>
/// Replays the committed fuzzing corpus (tests/fuzz/corpus/TARGET: the seeds, every input AFL++ found that
/// reached new code, minimised, and every crash found) through the same oracle the harness runs under
/// afl-fuzz (docs/safety.md, "Fuzzing"). A reader that starts throwing, or answering in .NET's words, on
/// any of them fails here.
/// </summary>
public class FuzzCorpusReplayTests
{
    public static TheoryData<string> TargetNames => [.. Targets.All.Keys];

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void Every_corpus_input_is_read_or_refused_in_words(string target)
    {
        var files = Directory.GetFiles(Repository.PathOf("tests", "fuzz", "corpus", target));
        Assert.True(files.Length >= 2, $"the {target} corpus has {files.Length} file(s)");

        var findings = new List<string>();
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            try
            {
                Targets.All[target](File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                findings.Add($"{Path.GetFileName(file)}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(findings.Count == 0, $"{findings.Count} of {files.Length} {target} inputs:\n{string.Join('\n', findings)}");
    }
}
