using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace AmpsDevice.Dashboard.Storage;

/// <summary>
/// Runs SQL on either engine through ADO.NET. A statement's <c>@Name</c> parameters are bound from the public
/// properties of an argument object (usually anonymous) of the same name, as Dapper bound them; rows are read by
/// the caller's reader, column by position. The dashboard once used Dapper, whose runtime code generation a
/// natively compiled program cannot run, and Dapper.AOT, its build-time form, reads only SQL that is a constant at
/// the call and takes no cancellation token (its rule DAP057): the history's statements are composed per engine and
/// every query here is cancelled with the request that asked for it.
/// </summary>
internal static partial class Sql
{
    private const DynamicallyAccessedMemberTypes Properties = DynamicallyAccessedMemberTypes.PublicProperties;

    public static Task<int> ExecuteAsync(this DbConnection connection, string sql, DbTransaction? transaction = null, CancellationToken ct = default) =>
        connection.ExecuteAsync(sql, NoArguments.Value, transaction, ct);

    public static async Task<int> ExecuteAsync<[DynamicallyAccessedMembers(Properties)] TArgs>(
        this DbConnection connection, string sql, TArgs args, DbTransaction? transaction = null, CancellationToken ct = default)
        where TArgs : notnull
    {
        await using var command = Command(connection, sql, args, transaction);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A whole number that <paramref name="sql"/> always yields (a count, a size).</summary>
    public static async Task<long> ScalarAsync<[DynamicallyAccessedMembers(Properties)] TArgs>(
        this DbConnection connection, string sql, TArgs args, DbTransaction? transaction = null, CancellationToken ct = default)
        where TArgs : notnull
    {
        await using var command = Command(connection, sql, args, transaction);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? throw new InvalidOperationException($"no value from: {sql}") : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    public static Task<long> ScalarAsync(this DbConnection connection, string sql, CancellationToken ct = default) =>
        connection.ScalarAsync(sql, NoArguments.Value, null, ct);

    /// <summary>Every row, each read by <paramref name="read"/>.</summary>
    public static async Task<List<T>> QueryAsync<T, [DynamicallyAccessedMembers(Properties)] TArgs>(
        this DbConnection connection, string sql, TArgs args, Func<DbDataReader, T> read, DbTransaction? transaction = null, CancellationToken ct = default)
        where TArgs : notnull
    {
        await using var command = Command(connection, sql, args, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static Task<List<T>> QueryAsync<T>(this DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken ct = default) =>
        connection.QueryAsync(sql, NoArguments.Value, read, null, ct);

    /// <summary>The parameters <paramref name="sql"/> names, with their values from <paramref name="args"/>, for an engine's own command types.</summary>
    public static IEnumerable<(string Name, DbType Type, object Value)> Parameters<[DynamicallyAccessedMembers(Properties)] TArgs>(string sql, TArgs args)
        where TArgs : notnull
    {
        foreach (var binding in BindingsOf<TArgs>.BySql.GetOrAdd(sql, static sql => Bind(typeof(TArgs), sql)))
        {
            yield return (binding.Property.Name, binding.Type, binding.Property.GetValue(args) ?? DBNull.Value);
        }
    }

    private static DbCommand Command<[DynamicallyAccessedMembers(Properties)] TArgs>(DbConnection connection, string sql, TArgs args, DbTransaction? transaction)
        where TArgs : notnull
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, type, value) in Parameters(sql, args))
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// The properties of <paramref name="args"/> that <paramref name="sql"/> names (case aside), each with the database
    /// type of its declared type: a null still has a type, which PostgreSQL needs in <c>@Name IS NULL</c>.
    /// </summary>
    private static Binding[] Bind([DynamicallyAccessedMembers(Properties)] Type args, string sql)
    {
        var named = ParameterName().Matches(sql).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return [.. args.GetProperties().Where(p => named.Contains(p.Name)).Select(p => new Binding(p, DbTypeOf(p.PropertyType)))];
    }

    private static DbType DbTypeOf(Type type) => (Nullable.GetUnderlyingType(type) ?? type) switch
    {
        var t when t == typeof(string) => DbType.String,
        var t when t == typeof(long) => DbType.Int64,
        var t when t == typeof(int) => DbType.Int32,
        var t when t == typeof(double) => DbType.Double,
        var t when t == typeof(bool) => DbType.Boolean,
        var t => throw new NotSupportedException($"a SQL parameter of type {t.Name}: only text, integers, doubles and booleans are stored"),
    };

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex ParameterName();

    private sealed record Binding(PropertyInfo Property, DbType Type);

    /// <summary>Each argument type's bindings, by statement, found once.</summary>
    private static class BindingsOf<[DynamicallyAccessedMembers(Properties)] TArgs>
    {
        public static readonly ConcurrentDictionary<string, Binding[]> BySql = new(StringComparer.Ordinal);
    }

    /// <summary>The arguments of a statement without parameters.</summary>
    private sealed class NoArguments
    {
        public static readonly NoArguments Value = new();
    }
}

/// <summary>A row's columns by position, converted as the stored value allows (SQLite keeps every integer as a 64-bit one).</summary>
internal static class Columns
{
    public static string Text(this DbDataReader row, int i) => row.GetString(i);

    public static string? TextOrNull(this DbDataReader row, int i) => row.IsDBNull(i) ? null : row.GetString(i);

    public static long Long(this DbDataReader row, int i) => Convert.ToInt64(row.GetValue(i), CultureInfo.InvariantCulture);

    public static long? LongOrNull(this DbDataReader row, int i) => row.IsDBNull(i) ? null : row.Long(i);

    public static int Int(this DbDataReader row, int i) => Convert.ToInt32(row.GetValue(i), CultureInfo.InvariantCulture);

    public static int? IntOrNull(this DbDataReader row, int i) => row.IsDBNull(i) ? null : row.Int(i);

    public static double Double(this DbDataReader row, int i) => Convert.ToDouble(row.GetValue(i), CultureInfo.InvariantCulture);

    public static double? DoubleOrNull(this DbDataReader row, int i) => row.IsDBNull(i) ? null : row.Double(i);
}
