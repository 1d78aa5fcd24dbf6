using System.Net;
using System.Net.Sockets;

namespace AmpsDevice.TestSupport;

public static class FreePort
{
    /// <summary>A loopback TCP port nobody listens on now (never the service's default 1883).</summary>
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
