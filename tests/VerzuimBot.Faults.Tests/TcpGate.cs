using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace VerzuimBot.Faults.Tests;

/// <summary>
/// A loopback TCP relay in front of the store that can be cut: while cut, open connections are dropped and new ones
/// closed at once, as when the storage account cannot be reached. The store behind it keeps running, so what it
/// acknowledged stays there (Azurite only writes its tables to disk now and then, so stopping it would lose writes
/// that Azure Table Storage would have kept).
/// </summary>
internal sealed class TcpGate : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<TcpClient, TcpClient> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int _target;
    private volatile bool _cut;

    private TcpGate(int target)
    {
        _target = target;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static TcpGate To(int targetPort) => new(targetPort);

    public void Cut()
    {
        _cut = true;
        foreach (var (client, upstream) in _open)
        {
            Close(client, upstream);
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (_cut)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }

            var upstream = new TcpClient();
            try
            {
                await upstream.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException)
            {
                Close(client, upstream);
                continue;
            }

            _open[client] = upstream;
            _ = PumpAsync(client, upstream);
        }
    }

    private async Task PumpAsync(TcpClient client, TcpClient upstream)
    {
        try
        {
            await Task.WhenAny(client.GetStream().CopyToAsync(upstream.GetStream(), _stop.Token), upstream.GetStream().CopyToAsync(client.GetStream(), _stop.Token));
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }
        finally
        {
            Close(client, upstream);
        }
    }

    private void Close(TcpClient client, TcpClient upstream)
    {
        _open.TryRemove(client, out _);
        client.Dispose();
        upstream.Dispose();
    }
}
