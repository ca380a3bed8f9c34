using System.Net;
using System.Net.Sockets;

namespace OgpCoCreate.Bench.Hosting;

internal static class FreePorts
{
    /// <summary>A loopback port nobody listens on now, so the bench silo never collides with a running server.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
