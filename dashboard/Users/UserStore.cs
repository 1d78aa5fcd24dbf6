using AmpsDevice.Dashboard.Storage;
using Microsoft.AspNetCore.Identity;

namespace AmpsDevice.Dashboard.Users;

/// <summary>A person who may sign in. Names are user names chosen by the clinic, never patients.</summary>
public sealed record DashboardUser(string Name, string Role, DateTimeOffset CreatedAt);

/// <summary>The users table; passwords stored only as ASP.NET Core <see cref="PasswordHasher{TUser}"/> hashes.</summary>
public sealed class UserStore(Database database)
{
    public const int MinPasswordLength = 8;
    public const int MaxNameLength = 64;

    private static readonly PasswordHasher<string> Hasher = new();

    /// <summary>Why a user name is refused, or null: 1-64 characters of A-Z a-z 0-9 . _ -.</summary>
    public static string? CheckName(string? name) =>
        string.IsNullOrEmpty(name) || name.Length > MaxNameLength || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? $"user name '{name}' is not 1-{MaxNameLength} characters of A-Z a-z 0-9 . _ -"
            : null;

    /// <summary>Adds a user; returns why not, or null.</summary>
    public async Task<string?> AddAsync(string name, string role, string password, CancellationToken ct = default)
    {
        if (CheckName(name) is { } nameError)
        {
            return nameError;
        }

        if (!Roles.IsKnown(role))
        {
            return $"role '{role}' is neither {Roles.Therapist} nor {Roles.Observer}";
        }

        if (password.Length < MinPasswordLength)
        {
            return $"the password is shorter than {MinPasswordLength} characters";
        }

        await using var connection = await database.OpenAsync(ct);
        var inserted = await connection.ExecuteAsync(
            "INSERT INTO users (name, role, password_hash, created_at) VALUES (@name, @role, @hash, @at) ON CONFLICT (name) DO NOTHING",
            new { name, role, hash = Hasher.HashPassword(name, password), at = DateTimeOffset.UtcNow.ToString("O") },
            ct: ct);
        return inserted == 1 ? null : $"user '{name}' exists already";
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync("DELETE FROM users WHERE name = @name", new { name }, ct: ct) == 1;
    }

    public async Task<IReadOnlyList<DashboardUser>> ListAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QueryAsync(
            "SELECT name, role, created_at FROM users ORDER BY name",
            r => new DashboardUser(r.Text(0), r.Text(1), DateTimeOffset.Parse(r.Text(2), System.Globalization.CultureInfo.InvariantCulture)),
            ct);
    }

    public async Task<long> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ScalarAsync("SELECT COUNT(*) FROM users", ct);
    }

    /// <summary>The user, when the name and password match; otherwise null.</summary>
    public async Task<DashboardUser?> VerifyAsync(string? name, string? password, CancellationToken ct = default)
    {
        if (CheckName(name) is not null || string.IsNullOrEmpty(password))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(ct);
        var row = (await connection.QueryAsync(
            "SELECT role, password_hash, created_at FROM users WHERE name = @name",
            new { name },
            r => ((string Role, string Hash, string CreatedAt)?)(r.Text(0), r.Text(1), r.Text(2)),
            ct: ct)).SingleOrDefault();
        if (row is not { } found || Hasher.VerifyHashedPassword(name!, found.Hash, password) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        return new DashboardUser(name!, found.Role, DateTimeOffset.Parse(found.CreatedAt, System.Globalization.CultureInfo.InvariantCulture));
    }
}
