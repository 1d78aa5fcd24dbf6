namespace AmpsDevice.Dashboard.Hosting;

/// <summary>Text from outside (a device id, a user name) made safe for one log line: control characters escaped, length capped.</summary>
public static class LogText
{
    public const int MaxLength = 80;

    public static string Safe(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var cut = text.Length > MaxLength ? text[..MaxLength] + "..." : text;
        return cut.Any(char.IsControl)
            ? string.Concat(cut.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))
            : cut;
    }
}
