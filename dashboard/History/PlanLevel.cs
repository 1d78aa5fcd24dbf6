using System.Globalization;
using System.Text.RegularExpressions;

namespace AmpsDevice.Dashboard.History;

/// <summary>
/// The plan level a session ran at: a plan's level profile is named "{start name} (plan level N)"
/// (device-protocol's <c>PlanLevels</c>), and the session state carries the running profile's name.
/// </summary>
public static partial class PlanLevel
{
    public static int? FromProfileName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var match = Suffix().Match(name);
        return match.Success && int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : null;
    }

    [GeneratedRegex(@"\(plan level (\d{1,3})\)$")]
    private static partial Regex Suffix();
}
