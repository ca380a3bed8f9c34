using Microsoft.Extensions.Options;
using OgpCoCreate.Configuration;
using OgpCoCreate.Realtime;
using OgpCoCreate.Storage.Clustering;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Hosting;

/// <summary>
/// When a silo dies, the grains it hosted come back on other silos without the relays' subscriptions (those
/// lived in the dead activations' memory). The relays renew every 30 s anyway; this watches the membership
/// table and renews at once when a silo is declared dead, so live updates across nodes resume within
/// seconds of the death declaration rather than up to half a minute later.
/// </summary>
public sealed partial class RelayFailover(OgpDatabase database, IOptions<OgpOptions> options, DocumentRelay documents, TopicRelay topics, ILogger<RelayFailover> logger) : BackgroundService
{
    private static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        HashSet<string>? knownDead = null;
        using var timer = new PeriodicTimer(PollPeriod);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var members = await ClusterIdGuard.ReadMembersAsync(database, options.Value.ClusterId, stoppingToken);
                var dead = members.Where(m => m.Status == SiloStatus.Dead).Select(m => $"{m.Endpoint}@{m.Generation}").ToHashSet(StringComparer.Ordinal);
                var newlyDead = knownDead is null ? [] : dead.Except(knownDead).ToList();
                knownDead = dead;
                if (newlyDead.Count > 0)
                {
                    LogRenewing(logger, string.Join(", ", newlyDead));
                    await RenewAsync();
                    // Once more a little later: the grain directory may still have pointed at the dead silo.
                    _ = Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => RenewAsync(), TaskScheduler.Default).Unwrap();
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(logger, e.Message);
            }
        }
    }

    /// <summary>
    /// Subscribes again (documents and topics), then asks the topics' watchers to resync: events published by
    /// a reactivated grain before the renewal reached nobody. Documents need no such call: a client sees the
    /// version jump on the next op and fetches the missing ones (GetOps).
    /// </summary>
    private async Task RenewAsync()
    {
        await documents.RenewAsync();
        await topics.RenewAsync();
        await topics.ResyncAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo(s) {Silos} declared dead: renewing the relay's subscriptions")]
    private static partial void LogRenewing(ILogger logger, string silos);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not read the membership table: {Reason}")]
    private static partial void LogPollFailed(ILogger logger, string reason);
}
