using System.Data.Common;
using System.Globalization;
using Microsoft.Extensions.Options;
using OgpCoCreate.Storage.Database;
using Orleans.Configuration;

namespace OgpCoCreate.Storage.Reminders;

/// <summary>
/// Orleans' reminder table on the project's one database (SQLite embedded, PostgreSQL in a cluster), so a
/// deadline reminder is as durable as the approval it belongs to and survives restarts. Orleans has no
/// provider for SQLite, and its ADO.NET one ships no scripts: this is the small table it needs (schema
/// version 10), one row per (service, grain, reminder name), the grain's uniform hash kept for the range
/// reads with which each silo loads the reminders of its part of the ring. The etag is a row version.
/// Every statement is a single auto-committed one: durable (synchronous=FULL) when it returns.
/// </summary>
public sealed class SqlReminderTable(OgpDatabase database, IOptions<ClusterOptions> cluster) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period_ticks, etag";

    private string ServiceId => cluster.Value.ServiceId;

    public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command($"SELECT {Columns} FROM ogp_reminders WHERE service_id = @s AND grain_id = @g")
            .With("@s", ServiceId).With("@g", grainId.ToString());
        return new ReminderTableData(await ReadAsync(command));
    }

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        // (begin, end] on the ring; when begin >= end the range wraps around zero.
        var condition = begin < end ? "grain_hash > @b AND grain_hash <= @e" : "(grain_hash > @b OR grain_hash <= @e)";
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command($"SELECT {Columns} FROM ogp_reminders WHERE service_id = @s AND {condition}")
            .With("@s", ServiceId).With("@b", (long)begin).With("@e", (long)end);
        return new ReminderTableData(await ReadAsync(command));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command($"SELECT {Columns} FROM ogp_reminders WHERE service_id = @s AND grain_id = @g AND reminder_name = @n")
            .With("@s", ServiceId).With("@g", grainId.ToString()).With("@n", reminderName);
        return (await ReadAsync(command)).FirstOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command("""
            INSERT INTO ogp_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period_ticks, etag)
            VALUES (@s, @g, @n, @h, @start, @period, 1)
            ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
                grain_hash = excluded.grain_hash, start_at = excluded.start_at, period_ticks = excluded.period_ticks, etag = ogp_reminders.etag + 1
            RETURNING etag
            """)
            .With("@s", ServiceId)
            .With("@g", entry.GrainId.ToString())
            .With("@n", entry.ReminderName)
            .With("@h", (long)entry.GrainId.GetUniformHashCode())
            .With("@start", DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc).Ticks)
            .With("@period", entry.Period.Ticks);
        var etag = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return etag.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command("DELETE FROM ogp_reminders WHERE service_id = @s AND grain_id = @g AND reminder_name = @n AND etag = @e")
            .With("@s", ServiceId).With("@g", grainId.ToString()).With("@n", reminderName).With("@e", version);
        return await command.ExecuteNonQueryAsync() > 0;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.Command("DELETE FROM ogp_reminders WHERE service_id = @s").With("@s", ServiceId);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<ReminderEntry>> ReadAsync(DbCommand command)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
            });
        }
        return entries;
    }

    /// <summary>The table, as schema version 10 (same SQL on both dialects).</summary>
    public const string Schema = """
        CREATE TABLE IF NOT EXISTS ogp_reminders (
            service_id    TEXT NOT NULL,
            grain_id      TEXT NOT NULL,
            reminder_name TEXT NOT NULL,
            grain_hash    BIGINT NOT NULL,
            start_at      BIGINT NOT NULL,
            period_ticks  BIGINT NOT NULL,
            etag          BIGINT NOT NULL,
            PRIMARY KEY (service_id, grain_id, reminder_name));
        CREATE INDEX IF NOT EXISTS ix_ogp_reminders_hash ON ogp_reminders (service_id, grain_hash);
        """;
}
