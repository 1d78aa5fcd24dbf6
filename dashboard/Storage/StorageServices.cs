namespace AmpsDevice.Dashboard.Storage;

public static class StorageServices
{
    public static IServiceCollection AddStorage(this IServiceCollection services) => services.AddSingleton<Database>();

    /// <summary>Brings the database to the current schema before anything reads it.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services)
    {
        var database = services.GetRequiredService<Database>();
        await Migrations.ApplyAsync(database);
    }
}
