using System.Security.Cryptography;

namespace AmpsDevice.Dashboard.Users;

/// <summary>
/// First run: while nobody can sign in, a one-time token printed in the log lets the person at the console
/// create the first therapist at <c>/setup</c> (as Jenkins does). It is void once any user exists.
/// </summary>
public sealed partial class SetupToken(UserStore users, ILogger<SetupToken> logger)
{
    private readonly Lock _lock = new();
    private string? _token;

    /// <summary>Makes a token and logs it when there are no users yet.</summary>
    public async Task AnnounceIfNeededAsync(string url, CancellationToken ct = default)
    {
        if (await users.CountAsync(ct) > 0)
        {
            return;
        }

        string token;
        lock (_lock)
        {
            _token ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            token = _token;
        }

        LogFirstRun(logger, url, token);
    }

    /// <summary>True while set-up is open (no users) and <paramref name="candidate"/> is the token.</summary>
    public async Task<bool> IsValidAsync(string? candidate, CancellationToken ct = default)
    {
        string? token;
        lock (_lock)
        {
            token = _token;
        }

        return token is not null && candidate is not null
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(token), System.Text.Encoding.UTF8.GetBytes(candidate))
            && await users.CountAsync(ct) == 0;
    }

    public void Void()
    {
        lock (_lock)
        {
            _token = null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No users yet: create the first therapist at {Url}/setup?token={Token} (a one-time set-up link; or: ampsdashboard users add NAME --role therapist --password-stdin)")]
    private static partial void LogFirstRun(ILogger logger, string url, string token);
}
