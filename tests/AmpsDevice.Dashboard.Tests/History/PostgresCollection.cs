namespace AmpsDevice.Dashboard.Tests.History;

/// <summary>One real PostgreSQL server for every test that needs one; each test takes a fresh database on it.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
