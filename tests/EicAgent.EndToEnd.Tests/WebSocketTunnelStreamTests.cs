using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Paths;
using EicAgent.Cli.Connect;
using EicAgent.Cli.Proxy;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>The proxy's side of an endpoint websocket, against a websocket peer on a loopback socket pair; and the reply codec.</summary>
public sealed class WebSocketTunnelStreamTests : IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private WebSocket _endpoint = null!;
    private WebSocket _client = null!;
    private readonly AdjustableClock _clock = new();
    private WebSocketTunnelStream _stream = null!;

    public async Task InitializeAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        var server = await listener.AcceptTcpClientAsync();
        _endpoint = WebSocket.CreateFromStream(server.GetStream(), new WebSocketCreationOptions { IsServer = true });
        _client = WebSocket.CreateFromStream(client.GetStream(), new WebSocketCreationOptions { IsServer = false });
        _stream = new WebSocketTunnelStream(_client, "eice-1.example", TimeSpan.FromHours(1), _clock);
    }

    public Task DisposeAsync()
    {
        _endpoint.Dispose();
        _client.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Writes_travel_as_binary_frames_of_at_most_65000_bytes()
    {
        var payload = new byte[150_000];
        Random.Shared.NextBytes(payload);

        var writing = _stream.WriteAsync(payload).AsTask();
        var frames = new List<(WebSocketMessageType Type, int Count, bool End)>();
        var received = new MemoryStream();
        var buffer = new byte[200_000];
        using var bounded = new CancellationTokenSource(Bound);
        while (received.Length < payload.Length)
        {
            var frame = await _endpoint.ReceiveAsync(buffer.AsMemory(), bounded.Token);
            frames.Add((frame.MessageType, frame.Count, frame.EndOfMessage));
            received.Write(buffer, 0, frame.Count);
        }

        await writing;
        Assert.Equal([65_000, 65_000, 20_000], frames.Select(f => f.Count));
        Assert.All(frames, f => Assert.Equal((WebSocketMessageType.Binary, true), (f.Type, f.End)));
        Assert.Equal(payload, received.ToArray());
    }

    [Fact]
    public async Task A_normal_close_is_the_end_of_the_stream()
    {
        await _endpoint.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal(0, await _stream.ReadAsync(new byte[16]).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task Another_close_code_is_one_line_with_the_code_and_the_reason()
    {
        await _endpoint.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, "instance unreachable", CancellationToken.None);

        var error = await Assert.ThrowsAsync<TunnelException>(() => _stream.ReadAsync(new byte[16]).AsTask().WaitAsync(Bound));

        Assert.Equal("eice-1.example closed the tunnel (code 1011): instance unreachable", error.Message);
    }

    [Fact]
    public async Task A_close_at_the_one_hour_limit_names_the_limit()
    {
        _clock.Advance(TimeSpan.FromHours(1));
        await _endpoint.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<TunnelException>(() => _stream.ReadAsync(new byte[16]).AsTask().WaitAsync(Bound));

        Assert.Equal(
            "the tunnel through eice-1.example closed -- tunnels through an EC2 Instance Connect Endpoint last at most 60 minutes; reconnect",
            error.Message);
    }

    [Fact]
    public async Task A_close_at_a_chosen_max_tunnel_duration_names_that_duration_and_the_flag()
    {
        var stream = new WebSocketTunnelStream(_client, "eice-1.example", TimeSpan.FromMinutes(15), _clock);
        _clock.Advance(TimeSpan.FromMinutes(15));
        await _endpoint.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<TunnelException>(() => stream.ReadAsync(new byte[16]).AsTask().WaitAsync(Bound));

        Assert.Equal(
            "the tunnel through eice-1.example closed -- this tunnel through an EC2 Instance Connect Endpoint lasted its --max-tunnel-duration of 15 minutes; reconnect",
            error.Message);
    }

    [Fact]
    public async Task A_close_well_before_a_short_limit_is_the_plain_end_of_the_stream()
    {
        var stream = new WebSocketTunnelStream(_client, "eice-1.example", TimeSpan.FromSeconds(90), _clock);
        _clock.Advance(TimeSpan.FromSeconds(60));
        await _endpoint.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);

        Assert.Equal(0, await stream.ReadAsync(new byte[16]).AsTask().WaitAsync(Bound));
    }

    [Fact]
    public async Task A_text_frame_is_an_error_that_quotes_it()
    {
        await _endpoint.SendAsync(Encoding.UTF8.GetBytes("Tunnel limit reached"), WebSocketMessageType.Text, true, CancellationToken.None);

        var error = await Assert.ThrowsAsync<TunnelException>(() => _stream.ReadAsync(new byte[64]).AsTask().WaitAsync(Bound));

        Assert.Equal("eice-1.example sent a text frame instead of SSH bytes: Tunnel limit reached", error.Message);
    }

    [Fact]
    public void The_connect_reply_carries_a_websocket_route_and_an_older_tcp_one()
    {
        var url = new Uri("wss://eice-1.example/openTunnel?instanceConnectEndpointId=eice-1&remotePort=22&X-Amz-Signature=ab");
        var webSocket = ConnectReply.Read(ConnectReply.To("i-0123", new WebSocketRoute(url, "eice-1.example")).ToMessage());
        var tcp = ConnectReply.Read(ConnectReply.To("i-0123", new TcpRoute("10.0.0.5", 22)).ToMessage());

        Assert.Equal(new WebSocketRoute(url, "eice-1.example"), webSocket.Route);
        Assert.Equal("wss://eice-1.example", webSocket.Route!.ToString());
        Assert.Equal(new TcpRoute("10.0.0.5", 22), tcp.Route);
    }

    [Fact]
    public void A_connect_request_keeps_its_endpoint_id_and_one_without_the_field_reads_as_none()
    {
        var request = new ConnectRequest("db-1.eic", 22, "ec2-user", null, null, NetworkPath.Eice, "eice-1");
        using var olderProxy = new SshWriter();
        olderProxy.WriteString("db-1.eic");

        olderProxy.WriteUInt32(22);
        olderProxy.WriteString("ec2-user");
        olderProxy.WriteString("");
        olderProxy.WriteString("");
        olderProxy.WriteString("eice");
        var withoutField = olderProxy.ToArray();

        Assert.Equal(request, ConnectRequest.Read(request.Write()));
        Assert.Null(ConnectRequest.Read(withoutField).EndpointId);
    }
}
