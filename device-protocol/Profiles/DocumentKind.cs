using System.Globalization;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>What a document is ("profile", "plan"), for the messages about it, and the most bytes it may have.</summary>
/// <param name="Noun">What the document holds, as the messages name it.</param>
/// <param name="MaxBytes">The largest such document, a whole number of MiB.</param>
/// <param name="CommentsAllowed">
/// Whether <c>//</c> and <c>/* */</c> comments and trailing commas are let through: the simulator's scenario format has
/// always taken them (docs/simulate.md), profiles and plans never have.
/// </param>
public sealed record DocumentKind(string Noun, int MaxBytes, bool CommentsAllowed = false)
{
    private string Cap => string.Create(CultureInfo.InvariantCulture, $"{MaxBytes} bytes ({MaxBytes >> 20} MiB)");

    /// <summary>The message for a document of a known <paramref name="length"/> over the cap.</summary>
    public string TooLarge(long length) =>
        string.Create(CultureInfo.InvariantCulture, $"the {Noun} is {length} bytes; a {Noun} may be at most {Cap}");

    /// <summary>The message for a stream that went on past the cap (its length is unknown: it cannot seek).</summary>
    public string LargerThanCap => $"the {Noun} is larger than {Cap}, the most a {Noun} may be";
}
