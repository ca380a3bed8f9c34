using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OgpCoCreate.Drafting;
using OgpCoCreate.Grains.Tests.Drafting;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Grains.Tests;

/// <summary>
/// The store-backed tests prove something about PostgreSQL only if they really ran on it: a misconfigured
/// postgres pass must fail here rather than test SQLite again.
/// </summary>
[Collection(StoreDraftingCollection.Name)]
[Trait(StoreTrait.Name, StoreTrait.Shared)]
public sealed class StoreSelectionTests(StoreDraftingCluster fixture)
{
    [Fact]
    public async Task The_silo_runs_on_the_store_the_run_asked_for_and_the_grains_write_into_it()
    {
        var asked = Environment.GetEnvironmentVariable(TestStore.Variable)?.Trim() ?? "";
        var postgres = asked.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
        Assert.True(postgres || asked.Length == 0 || asked.Equals("sqlite", StringComparison.OrdinalIgnoreCase), $"{TestStore.Variable}={asked}");
        Assert.NotEmpty(fixture.Cluster.Silos);

        foreach (var silo in fixture.Cluster.Silos)
        {
            var database = silo.ServiceProvider.GetRequiredService<OgpDatabase>();
            await using var connection = await database.OpenAsync();
            if (postgres)
            {
                Assert.Equal(SqlDialect.Postgres, database.Dialect);
                Assert.IsType<PostgresOgpDatabase>(database);
                Assert.IsType<NpgsqlConnection>(connection);
                await using var current = connection.Command("SELECT current_database()");
                Assert.Equal(fixture.Store.Name, await current.ExecuteScalarAsync());
            }
            else
            {
                Assert.Equal(SqlDialect.Sqlite, database.Dialect);
                var sqlite = Assert.IsType<SqliteOgpDatabase>(database);
                Assert.IsType<SqliteConnection>(connection);
                Assert.StartsWith(Path.GetFullPath(fixture.Store.Name), sqlite.FilePath, StringComparison.Ordinal);
                Assert.True(File.Exists(sqlite.FilePath), sqlite.FilePath);
            }
        }

        var documentId = await fixture.World.NewDocumentAsync();
        await fixture.Grains.GetGrain<IDocumentGrain>(documentId).Submit(TestActors.Secretariat, 0, Ot.TextOp.Insert(0, "in the store"), "c1", 1);
        Assert.Equal(1, await fixture.NumberAsync("SELECT COUNT(*) FROM doc_ops WHERE document_id = @d", "@d", documentId));
    }
}

/// <summary>Every test class on a <see cref="StoreCluster"/> carries the store trait (so the PostgreSQL pass runs it), and no other does.</summary>
public sealed class StoreTraitTests
{
    [Fact]
    public void Exactly_the_test_classes_on_a_store_cluster_carry_the_store_trait()
    {
        var types = typeof(StoreTraitTests).Assembly.GetTypes();
        var storeCollections = types
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICollectionFixture<>)
                && i.GetGenericArguments()[0].IsAssignableTo(typeof(StoreCluster))))
            .Select(t => Argument<CollectionDefinitionAttribute>(t, 0))
            .ToHashSet(StringComparer.Ordinal);
        var testClasses = types.Where(t => t.GetMethods().Any(m => m.IsDefined(typeof(FactAttribute), inherit: true))).ToList();

        var onStore = testClasses.Where(t => Argument<CollectionAttribute>(t, 0) is { } name && storeCollections.Contains(name)).Select(t => t.Name).Order().ToList();
        var marked = testClasses
            .Where(t => t.GetCustomAttributesData().Any(a => a.AttributeType == typeof(TraitAttribute)
                && (string?)a.ConstructorArguments[0].Value == StoreTrait.Name && (string?)a.ConstructorArguments[1].Value == StoreTrait.Shared))
            .Select(t => t.Name).Order().ToList();

        Assert.Equal(3, storeCollections.Count);
        Assert.Contains(nameof(DurableReplayTests), onStore);
        Assert.Equal(onStore, marked);
    }

    private static string? Argument<TAttribute>(Type type, int index) =>
        type.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType == typeof(TAttribute))?.ConstructorArguments[index].Value as string;
}
