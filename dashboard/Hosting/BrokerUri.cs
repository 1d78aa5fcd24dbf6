namespace AmpsDevice.Dashboard.Hosting;

/// <summary>A parsed <c>mqtt://[user:pass@]host:port</c> (or <c>mqtts://</c>).</summary>
public sealed record BrokerUri(string Host, int Port, bool Tls, string? UserName, string? Password)
{
    public static bool TryParse(string? text, out BrokerUri broker, out string? error)
    {
        broker = null!;
        const string Expected = "expected mqtt://[user:pass@]host:port or mqtts://[user:pass@]host:port";
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            error = $"'{Redact(text ?? "")}' is not a URI; {Expected}";
            return false;
        }

        bool? tls = uri.Scheme switch { "mqtt" => false, "mqtts" => true, _ => null };
        if (tls is null || string.IsNullOrEmpty(uri.Host) || uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0)
        {
            error = $"'{Redact(text)}': {Expected}";
            return false;
        }

        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls.Value ? 8883 : 1883) : uri.Port;
        broker = new BrokerUri(uri.Host, port, tls.Value, user, password);
        error = null;
        return true;
    }

    /// <summary>The URI with its password replaced, for logs.</summary>
    public static string Redact(string uri)
    {
        var scheme = uri.IndexOf("://", StringComparison.Ordinal);
        var at = uri.LastIndexOf('@');
        if (scheme < 0 || at < scheme)
        {
            return uri;
        }

        var colon = uri.IndexOf(':', scheme + 3);
        return colon > 0 && colon < at ? string.Concat(uri.AsSpan(0, colon + 1), "***", uri.AsSpan(at)) : uri;
    }

    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{(UserName is null ? "" : UserName + "@")}{Host}:{Port}";
}
