using System.Globalization;
using System.Text;

namespace AmpsDevice.Protocol.Profiles;

/// <summary>Collects errors in order, up to <see cref="MaxErrors"/> (garbage input must not produce megabytes of them).</summary>
internal sealed class ErrorSink
{
    public const int MaxErrors = 200;

    private readonly List<ProfileError> _errors = [];
    private int _dropped;

    public int Count => _errors.Count + _dropped;

    public void Add(string path, string message)
    {
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(new ProfileError(path, message));
        }
        else
        {
            _dropped++;
        }
    }

    public IReadOnlyList<ProfileError> ToList()
    {
        if (_dropped == 0)
        {
            return _errors;
        }

        return [.. _errors, new ProfileError("$", string.Create(CultureInfo.InvariantCulture, $"{_dropped} more errors not shown"))];
    }
}

/// <summary>
/// Formatting shared by the messages and the summary: invariant culture, short numbers, JSON paths. Public for the
/// other readers of JSON documents (the simulator's scenario files) so that their paths are written the same way.
/// </summary>
public static class Say
{
    /// <summary>A number as a therapist would write it: 47, 0.4, 38.5.</summary>
    public static string N(double value) => value.ToString("G7", CultureInfo.InvariantCulture);

    /// <summary>A duration as m:ss (minutes unbounded), e.g. 6:41, 120:00.</summary>
    public static string Clock(double seconds)
    {
        var total = (long)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{total / 60}:{total % 60:00}");
    }

    /// <summary>A string from the document, quoted, with control characters escaped and long text cut.</summary>
    public static string Quote(string text)
    {
        const int max = 40;
        var sb = new StringBuilder("\"");
        var cut = text.Length > max ? text[..max] : text;
        for (var i = 0; i < cut.Length; i++)
        {
            var c = cut[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < cut.Length && char.IsLowSurrogate(cut[i + 1]);
            if (pair)
            {
                sb.Append(c).Append(cut[++i]);
            }
            else if (char.IsControl(c) || char.IsSurrogate(c))
            {
                sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                sb.Append(c == '"' ? "\\\"" : c.ToString());
            }
        }

        return sb.Append(text.Length > max ? "...\"" : "\"").ToString();
    }

    /// <summary>The path of a field inside <paramref name="parent"/> (<c>$</c> is the root).</summary>
    public static string Field(string parent, string name)
    {
        var simple = name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0]);
        var segment = simple ? name : $"[{Quote(name)}]";
        return parent == "$" ? (simple ? segment : "$" + segment) : simple ? $"{parent}.{segment}" : parent + segment;
    }

    /// <summary>The path of an array element.</summary>
    public static string Index(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");
}
