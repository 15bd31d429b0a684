namespace Realign.Storage.Tests;

/// <summary>One database per test class on the shared throwaway server.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    public string? ConnectionString { get; private set; }

    public async Task InitializeAsync()
    {
        if (PostgresServer.Available())
        {
            ConnectionString = await PostgresServer.CreateDatabaseAsync("rs");
        }
    }

    public async Task DisposeAsync()
    {
        if (ConnectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(ConnectionString);
        }
    }
}
