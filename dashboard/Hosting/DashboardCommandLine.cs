namespace AmpsDevice.Dashboard.Hosting;

/// <summary>
/// The dashboard's own options on the command line: <c>--mqtt URI</c>, <c>--data DIR</c> and <c>--database CONN</c> become the
/// configuration keys <c>Dashboard:Mqtt</c>, <c>Dashboard:DataDirectory</c> and <c>Dashboard:Database</c>; <c>--urls</c> and every other
/// ASP.NET Core option pass through unchanged.
/// </summary>
public static class DashboardCommandLine
{
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--mqtt"] = $"{DashboardOptions.SectionName}:Mqtt",
        ["--data"] = $"{DashboardOptions.SectionName}:DataDirectory",
        ["--database"] = $"{DashboardOptions.SectionName}:Database",
    };

    public static string[] Normalize(string[] args)
    {
        var result = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 ? arg[..eq] : arg;
            if (SwitchMappings.TryGetValue(name, out var key))
            {
                var value = eq > 0 ? arg[(eq + 1)..] : i + 1 < args.Length ? args[++i] : "";
                result.Add($"--{key}={value}");
            }
            else
            {
                result.Add(arg);
            }
        }

        return [.. result];
    }
}
