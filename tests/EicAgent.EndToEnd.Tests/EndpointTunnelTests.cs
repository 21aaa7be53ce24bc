using System.Text;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Tls;
using EicAgent.Aws.Tunnels;
using EicAgent.Cli.Proxy;
using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>A simulator whose clock the endpoint tests move (for presigned URLs that expire).</summary>
public sealed class EndpointTunnelFixture : IAsyncLifetime
{
    public AdjustableClock Clock { get; } = new();

    public Simulator.Simulator Sim { get; private set; } = null!;

    public async Task InitializeAsync() => Sim = await Simulator.Simulator.StartAsync(new SimulatorOptions { Clock = Clock });

    public async Task DisposeAsync() => await Sim.DisposeAsync();
}

/// <summary>
/// The production websocket tunnel against the simulator's endpoint service: what the endpoint accepts, what it
/// refuses, and the one line the proxy prints for each refusal (from the handshake's JSON body).
/// </summary>
public sealed class EndpointTunnelTests(EndpointTunnelFixture world) : IClassFixture<EndpointTunnelFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private SimulatedInstance Db1 => world.Sim.Instance("db-1");

    private ConnectEndpointDefinition Endpoint => world.Sim.ConnectEndpoints.Single(e => e.VpcId == Db1.Definition.VpcId);

    private EndpointSeams Seams => new($"127.0.0.1:{world.Sim.EndpointTunnelPort}", new CaBundleSource(world.Sim.EndpointCaBundlePath, "the simulator's CA"));

    [Fact]
    public async Task A_presigned_tunnel_carries_the_private_instance_sshd_banner()
    {
        await using var tunnel = await OpenAsync(Route());

        var banner = await ReadLineAsync(tunnel.Stream);

        Assert.StartsWith("SSH-2.0-OpenSSH", banner);
    }

    [Fact]
    public async Task A_tampered_presigned_URL_is_refused_with_the_reason()
    {
        var route = Route();
        var tampered = new WebSocketRoute(new Uri(route.Url.AbsoluteUri.Replace("remotePort=22", "remotePort=3389", StringComparison.Ordinal)), route.EndpointDnsName);

        var refusal = await Assert.ThrowsAsync<TunnelException>(() => OpenAsync(tampered));

        Assert.Contains("refused the tunnel: AuthFailure: The request signature we calculated does not match", refusal.Message);
    }

    [Fact]
    public async Task An_expired_presigned_URL_is_refused_with_the_reason()
    {
        var route = Route();
        world.Clock.Advance(TimeSpan.FromSeconds(61));
        try
        {
            var refusal = await Assert.ThrowsAsync<TunnelException>(() => OpenAsync(route));

            Assert.Contains("refused the tunnel: AuthFailure: Request has expired", refusal.Message);
        }
        finally
        {
            world.Clock.Advance(TimeSpan.FromSeconds(-61));
        }
    }

    [Fact]
    public async Task A_port_other_than_22_or_3389_is_refused_as_an_invalid_parameter()
    {
        var refusal = await Assert.ThrowsAsync<TunnelException>(() => OpenAsync(Route(port: 2222)));

        Assert.Contains("refused the tunnel: InvalidParameter: remotePort 2222 is not allowed", refusal.Message);
    }

    [Fact]
    public async Task The_21st_concurrent_tunnel_through_one_endpoint_is_refused_with_the_error_shape()
    {
        var open = new List<WebSocketTunnel>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                open.Add(await OpenAsync(Route()));
            }

            var refusal = await Assert.ThrowsAsync<TunnelException>(() => OpenAsync(Route()));
            Assert.Contains("refused the tunnel: TooManyConnections:", refusal.Message);
            Assert.Contains("20 tunnels", refusal.Message);
            Assert.StartsWith("SSH-2.0-", await ReadLineAsync(open[^1].Stream));
        }
        finally
        {
            foreach (var tunnel in open)
            {
                await tunnel.DisposeAsync();
            }
        }
    }

    private WebSocketRoute Route(int port = 22)
    {
        var host = world.Sim.EndpointDnsName(Endpoint);
        var url = TunnelUrlPresigner.Presign(
            host, Endpoint.EndpointId, Db1.PrivateIpAddress, port, world.Sim.Region, CallerCredentials(), world.Clock.GetUtcNow().UtcDateTime);
        return new WebSocketRoute(url, host);
    }

    private Amazon.Runtime.BasicAWSCredentials CallerCredentials() => new(world.Sim.Caller.AccessKeyId, world.Sim.Caller.SecretAccessKey);

    private Task<WebSocketTunnel> OpenAsync(WebSocketRoute route) => WebSocketTunnel.ConnectAsync(route, Timeout, Seams, CancellationToken.None);

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        using var bounded = new CancellationTokenSource(Timeout);
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, bounded.Token) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString();
    }
}
