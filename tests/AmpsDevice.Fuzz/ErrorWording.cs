using System.Text.RegularExpressions;

namespace AmpsDevice.Fuzz;

/// <summary>
/// The rule every reader's error obeys: it names the field and the problem in words a therapist can act
/// on, never a .NET type or an exception's own text (docs/safety.md, "Fuzzing").
/// </summary>
public static partial class ErrorWording
{
    /// <summary>
    /// Throws <see cref="FuzzFindingException"/> when <paramref name="message"/> (about <paramref name="path"/>)
    /// breaks the rule. Words that also appear in <paramref name="input"/> are the input quoted back, not a type.
    /// </summary>
    public static void Check(string path, string message, string input)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new FuzzFindingException($"an error without a path: \"{message}\"");
        }

        if (string.IsNullOrWhiteSpace(message))
        {
            throw new FuzzFindingException($"an error at {path} without a message");
        }

        foreach (Match match in TypeName().Matches(message))
        {
            if (input.Contains(match.Value, StringComparison.Ordinal))
            {
                continue;
            }


            throw new FuzzFindingException($"the error at {path} names a .NET type ({match.Value}): \"{message}\"");
        }
    }

    // Namespaced type names, the serializer's conversion wording, exception class names and the
    // value-kind enum's names (what ToString() of a JsonValueKind prints) are all .NET, not words.
    [GeneratedRegex(@"\b(System|AmpsDevice|Microsoft)\.[A-Za-z]|could not be converted to|\b[A-Za-z]+Exception\b|\bJsonValueKind\b|\bJsonTokenType\b|\b(Undefined|StartObject|EndObject|StartArray|EndArray|PropertyName)\b")]
    private static partial Regex TypeName();
}
