namespace AmpsDevice.Protocol.Connection;

/// <summary>
/// A broker as every client of the devices names it: <c>mqtt://[user:pass@]host:port</c> (or <c>mqtts://</c> for TLS;
/// <c>tcp://</c> and <c>ssl://</c> are accepted as their synonyms). The device's <c>--mqtt</c>, the dashboard's
/// <c>--mqtt</c> and the bench's fleet tool all parse it here, so one URI means the same broker to each of them.
/// </summary>
public sealed record BrokerAddress(string Host, int Port, bool Tls, string? UserName, string? Password)
{
    public const string Expected = "expected mqtt://[user:pass@]host:port or mqtts://[user:pass@]host:port";

    /// <summary>Parses <paramref name="uri"/>; <paramref name="error"/> says what is wrong without naming a configuration
    /// key (the caller prefixes its own) and never shows the password.</summary>
    public static bool TryParse(string? uri, out BrokerAddress broker, out string? error)
    {
        broker = null!;
        if (string.IsNullOrWhiteSpace(uri) || !Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            error = $"'{Redact(uri ?? "")}' is not a URI; {Expected}";
            return false;
        }

        var tls = parsed.Scheme switch
        {
            "mqtt" or "tcp" => false,
            "mqtts" or "ssl" => true,
            _ => (bool?)null,
        };
        if (tls is null)
        {
            error = $"scheme '{parsed.Scheme}' is not supported; {Expected}";
            return false;
        }

        if (string.IsNullOrEmpty(parsed.Host))
        {
            error = $"no host in '{Redact(uri)}'; {Expected}";
            return false;
        }

        if (parsed.AbsolutePath is not ("/" or "") || !string.IsNullOrEmpty(parsed.Query))
        {
            error = $"a broker URI has no path or query ('{Redact(uri)}'); {Expected}";
            return false;
        }

        var port = parsed.IsDefaultPort || parsed.Port <= 0 ? (tls.Value ? 8883 : 1883) : parsed.Port;
        string? user = null, password = null;
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            var parts = parsed.UserInfo.Split(':', 2);
            user = Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : null;
        }

        broker = new BrokerAddress(parsed.Host, port, tls.Value, user, password);
        error = null;
        return true;
    }

    /// <summary>The URI with any password replaced, for logs and messages.</summary>
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

    /// <summary>The address without its password.</summary>
    public override string ToString() => $"{(Tls ? "mqtts" : "mqtt")}://{(UserName is null ? "" : UserName + "@")}{Host}:{Port}";
}
