using Microsoft.AspNetCore.SignalR;
using OgpCoCreate.Common;
using Orleans.Runtime;

namespace OgpCoCreate.Realtime;

/// <summary>
/// Every refusal reaches the caller as a <see cref="HubException"/> with a message a person can act on;
/// the connection stays open and usable. Unexpected errors are logged and answered with a generic message.
/// </summary>
public sealed partial class HubErrorFilter(ILogger<HubErrorFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocationContext);
        }
        catch (HubException)
        {
            throw;
        }
        catch (DomainException e)
        {
            throw new HubException(e.Message);
        }
        catch (TimeoutException e)
        {
            LogFailure(logger, invocationContext.HubMethodName, e);
            throw new HubException("The server took too long to answer; try again.");
        }
        catch (SiloUnavailableException e)
        {
            LogFailure(logger, invocationContext.HubMethodName, e);
            throw new HubException("A server node went away; try again in a moment.");
        }
        catch (Exception e)
        {
            LogFailure(logger, invocationContext.HubMethodName, e);
            throw new HubException($"{invocationContext.HubMethodName} failed on the server; try again.");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub method {Method} failed")]
    private static partial void LogFailure(ILogger logger, string method, Exception exception);
}
