using System.Net;
using System.Net.Sockets;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// What stands in front of a cluster in production (a load balancer, a Kubernetes Service) reduced to its
/// failover behaviour: a loopback TCP proxy that sends each new connection to the first node of
/// <paramref name="backends"/> that accepts it, and closes the client's side when the node's side dies. So a
/// browser keeps one address; when its node is killed, its connections drop and its reconnections reach
/// another node. All of a browser's connections go to the same node while it is up (SignalR's negotiate and
/// its WebSocket must meet the same server).
/// </summary>
public sealed class FailoverProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<IReadOnlyList<int>> backends;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    public FailoverProxy(Func<IReadOnlyList<int>> backends)
    {
        this.backends = backends;
        listener.Start();
        accepting = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    /// <summary>The port of the node the last connection went to.</summary>
    public int? LastBackend { get; private set; }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            using var server = await ConnectToFirstLiveAsync();
            if (server is null)
            {
                return;
            }
            var clientStream = client.GetStream();
            var serverStream = server.GetStream();
            // Whichever side ends first ends both: a killed node drops the browser's connection at once.
            await Task.WhenAny(PipeAsync(clientStream, serverStream), PipeAsync(serverStream, clientStream));
        }
    }

    private async Task<TcpClient?> ConnectToFirstLiveAsync()
    {
        foreach (var port in backends())
        {
            var server = new TcpClient();
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, port, stop.Token);
                LastBackend = port;
                return server;
            }
            catch (SocketException)
            {
                server.Dispose();
            }
        }
        return null;
    }

    private async Task PipeAsync(NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, stop.Token)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        stop.Dispose();
    }

    /// <summary>The HTTP ports of the given nodes that are up, in the given order of preference.</summary>
    public static Func<IReadOnlyList<int>> Prefer(params ClusterNode[] nodes) =>
        () => [.. nodes.Where(n => n.IsUp && n.Process is not null).Select(n => n.Process!.HttpPort)];
}
