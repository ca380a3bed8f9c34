using Microsoft.Extensions.Options;
using Npgsql;
using OgpCoCreate.Configuration;
using OgpCoCreate.Storage.Clustering;
using OgpCoCreate.Storage.Database;
using OgpCoCreate.Storage.Schema;
using Orleans.Configuration;

namespace OgpCoCreate.Hosting;

/// <summary>
/// What must hold before the silo or the web starts: the database answers and has the newest schema, and
/// (silo on PostgreSQL) no live cluster with another id uses it. PostgreSQL may come up after the nodes
/// (compose, Kubernetes): the node waits for it with one clear line per attempt and a growing pause, and
/// gives up after <c>Ogp:DatabaseWaitSeconds</c> with a non-zero exit code — never a stack trace.
/// </summary>
public static partial class DatabaseStartup
{
    /// <returns>false when the node must not start (the exit code is set and the reason logged).</returns>
    public static async Task<bool> PrepareOgpDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var services = app.Services;
        var options = services.GetRequiredService<IOptions<OgpOptions>>().Value;
        var database = services.GetRequiredService<OgpDatabase>();
        var migrator = services.GetRequiredService<SchemaMigrator>();
        var clock = services.GetRequiredService<TimeProvider>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup).FullName!);

        if (database.Dialect != SqlDialect.Postgres)
        {
            await migrator.MigrateAsync(cancellationToken);
            return true;
        }

        var wait = TimeSpan.FromSeconds(Math.Max(0, options.DatabaseWaitSeconds));
        var giveUpAt = clock.GetUtcNow() + wait;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrator.MigrateAsync(cancellationToken);
                if (attempt > 1)
                {
                    LogReached(logger, database.Description, attempt);
                }
                break;
            }
            catch (Exception e) when (IsAuthenticationFailure(e))
            {
                LogFatal(logger, database.Description, PostgresOgpDatabase.DescribeFailure(e));
                Environment.ExitCode = StartupFailure.DatabaseUnavailable;
                return false;
            }
            catch (Exception e) when (IsUnavailable(e) && !cancellationToken.IsCancellationRequested)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(15, Math.Pow(2, Math.Min(attempt - 1, 4))));
                if (clock.GetUtcNow() + delay > giveUpAt)
                {
                    LogGaveUp(logger, database.Description, wait.TotalSeconds, PostgresOgpDatabase.DescribeFailure(e));
                    Environment.ExitCode = StartupFailure.DatabaseUnavailable;
                    return false;
                }
                LogWaiting(logger, database.Description, PostgresOgpDatabase.DescribeFailure(e), delay.TotalSeconds, attempt, wait.TotalSeconds);
                await Task.Delay(delay, cancellationToken);
            }
        }

        await DatabaseKeyRepository.EnsureKeyAsync(services, cancellationToken);

        if (!options.IsFrontend)
        {
            var membership = services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
            try
            {
                await ClusterIdGuard.ThrowIfInUseByAnotherClusterAsync(database, options.ClusterId, ClusterIdGuard.Freshness(membership), clock, cancellationToken);
            }
            catch (ClusterIdConflictException e)
            {
                LogClusterConflict(logger, e.Message);
                Environment.ExitCode = StartupFailure.ClusterIdConflict;
                return false;
            }
        }
        return true;
    }

    /// <summary>Worth waiting for: the server is not there yet, starting, shutting down, full, or its database not created yet.</summary>
    private static bool IsUnavailable(Exception e) => e switch
    {
        PostgresException pg => pg.SqlState is "57P03" or "57P01" or "57P02" or "53300" or "3D000" || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException => true,
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => e.InnerException is { } inner && IsUnavailable(inner),
    };

    private static bool IsAuthenticationFailure(Exception e) =>
        e is PostgresException pg && pg.SqlState.StartsWith("28", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PostgreSQL at {Database} is not available ({Reason}); retrying in {Seconds:0} s (attempt {Attempt}, giving up after {Wait:0} s)")]
    private static partial void LogWaiting(ILogger logger, string database, string reason, double seconds, int attempt, double wait);

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL at {Database} answered after {Attempt} attempts")]
    private static partial void LogReached(ILogger logger, string database, int attempt);

    [LoggerMessage(Level = LogLevel.Critical, Message = "PostgreSQL at {Database} did not become available within {Wait:0} s ({Reason}). Check ConnectionStrings:Postgres and that the server runs; this node stops.")]
    private static partial void LogGaveUp(ILogger logger, string database, double wait, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "PostgreSQL at {Database} refused the credentials ({Reason}). Check the user and password in ConnectionStrings:Postgres; this node stops.")]
    private static partial void LogFatal(ILogger logger, string database, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Message}")]
    private static partial void LogClusterConflict(ILogger logger, string message);
}
