using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Hosting;

/// <summary>
/// ASP.NET Core data-protection keys (they encrypt the sign-in cookie and the bearer tokens) in the cluster's
/// database, table <c>ogp_data_protection_keys</c>: every node of a cluster reads the same key ring, so a
/// token issued by one node is accepted by all, and by a node that restarts or replaces another.
/// </summary>
public sealed class DatabaseKeyRepository(OgpDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => GetAllElementsAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => StoreElementAsync(element, friendlyName).GetAwaiter().GetResult();

    private async Task<IReadOnlyCollection<XElement>> GetAllElementsAsync()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command("SELECT xml FROM ogp_data_protection_keys ORDER BY created_at, friendly_name");
        var elements = new List<XElement>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }
        return elements;
    }

    private async Task StoreElementAsync(XElement element, string friendlyName)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command(
            "INSERT INTO ogp_data_protection_keys (friendly_name, xml, created_at) VALUES (@n, @x, @at) ON CONFLICT DO NOTHING")
            .With("@n", string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName)
            .With("@x", element.ToString(SaveOptions.DisableFormatting))
            .With("@at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Makes sure the shared key ring has a usable key before the node serves anything, under a cluster-wide
    /// lock: nodes starting together on an empty database would otherwise each create their own first key,
    /// and a token encrypted with one node's key could not be read by a node that had not seen it yet.
    /// </summary>
    public static async Task EnsureKeyAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<OgpDatabase>();
        if (database.Dialect != SqlDialect.Postgres)
        {
            return;
        }
        var keys = services.GetRequiredService<IKeyManager>();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = connection.Command("SELECT pg_advisory_xact_lock(7478214)", transaction))
        {
            lockCommand.CommandTimeout = 300;
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        var now = DateTimeOffset.UtcNow;
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now + TimeSpan.FromDays(7)))
        {
            keys.CreateNewKey(now, now + TimeSpan.FromDays(90));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
