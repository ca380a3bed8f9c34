using Microsoft.Extensions.Options;
using OgpCoCreate.Configuration;

namespace OgpCoCreate.Hosting;

/// <summary>
/// A front-end waits for the silos rather than failing: when no gateway answers (silos still starting, or a
/// wrong cluster id) it says so in one line and tries again with a growing pause, up to 10 s.
/// </summary>
public sealed partial class ClusterConnectionRetry(IOptions<OgpOptions> options, ILogger<ClusterConnectionRetry> logger) : IClientConnectionRetryFilter
{
    private int attempt;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        attempt++;
        var delay = TimeSpan.FromSeconds(Math.Min(10, Math.Pow(2, Math.Min(attempt - 1, 4))));
        LogWaiting(logger, options.Value.ClusterId, exception.GetBaseException().Message, delay.TotalSeconds, attempt);
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot reach a silo of cluster '{ClusterId}' yet ({Reason}); retrying in {Seconds:0} s (attempt {Attempt})")]
    private static partial void LogWaiting(ILogger logger, string clusterId, string reason, double seconds, int attempt);
}
