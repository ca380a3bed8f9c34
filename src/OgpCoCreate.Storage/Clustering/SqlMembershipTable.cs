using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OgpCoCreate.Storage.Database;
using Orleans.Configuration;

namespace OgpCoCreate.Storage.Clustering;

/// <summary>
/// Orleans' cluster membership table on the project's database (PostgreSQL in a cluster). Our own small
/// provider rather than Orleans' ADO.NET one: that package ships no SQL scripts and we would have to write
/// them anyway; this way the schema is one more numbered migration (<see cref="ClusterMigrations"/>).
/// <para>
/// The contract (see <see cref="IMembershipTable"/>): a table version per cluster id, changed atomically
/// with every row insert and update and checked against the etag the caller read (here the etag of the
/// table version is the version number itself); an etag per row, checked on update. Each change is one
/// transaction whose first statement is a conditional <c>UPDATE</c> of the version row: on PostgreSQL the
/// row lock serialises concurrent writers and the loser re-evaluates the condition and updates nothing; on
/// SQLite the write transaction is exclusive. Reads are a single statement, hence one snapshot.
/// </para>
/// <para>
/// A silo only ever sees the rows of its own <see cref="ClusterOptions.ClusterId"/>. Because every cluster
/// writes the same grain state, <see cref="InitializeMembershipTable"/> refuses to start a silo while the
/// database is in use by a live cluster with another id (<see cref="ClusterIdGuard"/>).
/// </para>
/// </summary>
public sealed partial class SqlMembershipTable(
    OgpDatabase database,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<ClusterMembershipOptions> membershipOptions,
    TimeProvider clock,
    ILogger<SqlMembershipTable> logger) : IMembershipTable
{
    private string ClusterId => clusterOptions.Value.ClusterId;

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await ClusterIdGuard.ThrowIfInUseByAnotherClusterAsync(database, ClusterId, ClusterIdGuard.Freshness(membershipOptions.Value), clock);
        await using var connection = await database.OpenAsync();
        await using var insert = connection.Command(
            "INSERT INTO ogp_cluster_versions (cluster_id, version, updated_at) VALUES (@c, 0, @at) ON CONFLICT DO NOTHING")
            .With("@c", ClusterId).With("@at", Now());
        await insert.ExecuteNonQueryAsync();
        LogInitialized(logger, ClusterId, database.Description);
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await database.BeginWriteAsync(connection);
        await using (var members = connection.Command("DELETE FROM ogp_cluster_members WHERE cluster_id = @c", transaction).With("@c", clusterId))
        {
            await members.ExecuteNonQueryAsync();
        }
        await using (var version = connection.Command("DELETE FROM ogp_cluster_versions WHERE cluster_id = @c", transaction).With("@c", clusterId))
        {
            await version.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var table = await ReadAll();
        var defunct = table.Members.Select(m => m.Item1)
            .Where(e => e.Status != SiloStatus.Active && MembershipRows.LastUpdate(e) < beforeDate.UtcDateTime)
            .ToList();
        if (defunct.Count == 0)
        {
            return;
        }
        await using var connection = await database.OpenAsync();
        await using var transaction = await database.BeginWriteAsync(connection);
        foreach (var entry in defunct)
        {
            await using var delete = connection.Command($"DELETE FROM ogp_cluster_members WHERE {MembershipRows.KeyCondition}", transaction)
                .WithKey(ClusterId, entry.SiloAddress);
            await delete.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        LogCleanedUp(logger, defunct.Count, ClusterId);
    }

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command($"""
            SELECT v.version, {MembershipRows.Columns}
            FROM ogp_cluster_versions v
            LEFT JOIN ogp_cluster_members m ON m.cluster_id = v.cluster_id AND m.address = @a AND m.port = @p AND m.generation = @g
            WHERE v.cluster_id = @c
            """).WithKey(ClusterId, key);
        return await ReadTableAsync(command);
    }

    public async Task<MembershipTableData> ReadAll()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command($"""
            SELECT v.version, {MembershipRows.Columns}
            FROM ogp_cluster_versions v
            LEFT JOIN ogp_cluster_members m ON m.cluster_id = v.cluster_id
            WHERE v.cluster_id = @c
            """).With("@c", ClusterId);
        return await ReadTableAsync(command);
    }

    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = await database.BeginWriteAsync(connection);
        if (!await BumpVersionAsync(connection, transaction, tableVersion))
        {
            await transaction.RollbackAsync();
            return false;
        }
        await using var insert = connection.Command("""
            INSERT INTO ogp_cluster_members
                (cluster_id, address, port, generation, silo_name, host_name, status, proxy_port, suspect_times, start_time, i_am_alive_time, etag)
            VALUES (@c, @a, @p, @g, @silo_name, @host_name, @status, @proxy_port, @suspect_times, @start_time, @i_am_alive_time, 1)
            ON CONFLICT DO NOTHING
            """, transaction).WithKey(ClusterId, entry.SiloAddress).WithValues(entry);
        if (await insert.ExecuteNonQueryAsync() != 1)
        {
            await transaction.RollbackAsync();
            return false;
        }
        await transaction.CommitAsync();
        return true;
    }

    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        if (!int.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expectedEtag))
        {
            return false;
        }
        await using var connection = await database.OpenAsync();
        await using var transaction = await database.BeginWriteAsync(connection);
        if (!await BumpVersionAsync(connection, transaction, tableVersion))
        {
            await transaction.RollbackAsync();
            return false;
        }
        await using var update = connection.Command($"""
            UPDATE ogp_cluster_members SET
                silo_name = @silo_name, host_name = @host_name, status = @status, proxy_port = @proxy_port,
                suspect_times = @suspect_times, start_time = @start_time, i_am_alive_time = @i_am_alive_time, etag = etag + 1
            WHERE {MembershipRows.KeyCondition} AND etag = @e
            """, transaction).WithKey(ClusterId, entry.SiloAddress).WithValues(entry).With("@e", expectedEtag);
        if (await update.ExecuteNonQueryAsync() != 1)
        {
            await transaction.RollbackAsync();
            return false;
        }
        await transaction.CommitAsync();
        return true;
    }

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        // A "dirty write" of one column: no etag check, no etag or table version change (the contract allows it).
        await using var connection = await database.OpenAsync();
        await using var update = connection.Command($"UPDATE ogp_cluster_members SET i_am_alive_time = @t WHERE {MembershipRows.KeyCondition}")
            .WithKey(ClusterId, entry.SiloAddress).With("@t", MembershipRows.FormatTime(entry.IAmAliveTime));
        await update.ExecuteNonQueryAsync();
    }

    /// <summary>Moves the table version from the one the caller read to <paramref name="tableVersion"/>, or reports it moved meanwhile.</summary>
    private async Task<bool> BumpVersionAsync(DbConnection connection, DbTransaction transaction, TableVersion tableVersion)
    {
        if (!int.TryParse(tableVersion.VersionEtag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var expected))
        {
            return false;
        }
        await using var update = connection.Command(
            "UPDATE ogp_cluster_versions SET version = @v, updated_at = @at WHERE cluster_id = @c AND version = @e", transaction)
            .With("@v", tableVersion.Version).With("@at", Now()).With("@c", ClusterId).With("@e", expected);
        return await update.ExecuteNonQueryAsync() == 1;
    }

    private static async Task<MembershipTableData> ReadTableAsync(DbCommand command)
    {
        var members = new List<Tuple<MembershipEntry, string>>();
        var version = new TableVersion(0, "0");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var number = reader.GetInt32(0);
            version = new TableVersion(number, number.ToString(CultureInfo.InvariantCulture));
            if (!reader.IsDBNull(1))
            {
                members.Add(MembershipRows.Read(reader, 1));
            }
        }
        return new MembershipTableData(members, version);
    }

    private string Now() => clock.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster membership of '{ClusterId}' is kept in {Database}")]
    private static partial void LogInitialized(ILogger logger, string clusterId, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct silo entries of cluster '{ClusterId}'")]
    private static partial void LogCleanedUp(ILogger logger, int count, string clusterId);
}
