using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using EicAgent.Simulator.Ec2;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Http;
using EicAgent.Simulator.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EicAgent.Simulator.Endpoints;

/// <summary>
/// The EC2 Instance Connect Endpoint service: GET /openTunnel over TLS, presigned with SigV4 (signing name
/// ec2-instance-connect), upgraded to a websocket that carries bytes to the private instance's sshd.
/// </summary>
internal sealed partial class OpenTunnelService(SimulatorState state, SigV4Verifier verifier, ILogger logger)
{
    public const int MaxTunnelsPerEndpoint = 20;
    private const string SigningName = "ec2-instance-connect";

    /// <summary>The longest tunnel, and the one a request without maxTunnelDuration gets.</summary>
    private const int MaxTunnelSeconds = 3600;
    private readonly ConcurrentDictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>Tunnels open right now through <paramref name="endpointId"/>.</summary>
    public int OpenTunnels(string endpointId) => _open.GetValueOrDefault(endpointId);

    public async Task HandleAsync(HttpContext context)
    {
        if (!context.Request.IsHttps)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        string? endpointId = null;
        try
        {
            var (endpoint, instance, lifetime) = await AdmitAsync(context);
            endpointId = endpoint.EndpointId;
            using var socket = await ConnectToInstanceAsync(endpoint, instance, context.RequestAborted);
            using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
            LogOpened(logger, endpoint.EndpointId, instance.InstanceId, OpenTunnels(endpoint.EndpointId));
            // At maxTunnelDuration the endpoint ends the tunnel whatever it carries: the instance's side goes away and
            // the client gets the websocket's normal close, as when sshd hangs up.
            using var end = state.Clock.CreateTimer(_ => EndTunnel(socket), null, lifetime, Timeout.InfiniteTimeSpan);
            await TunnelRelay.RunAsync(webSocket, socket, context.RequestAborted);
        }
        catch (TunnelRefusal refusal)
        {
            LogRefused(logger, refusal.ErrorCode, refusal.Message);
            if (!context.Response.HasStarted)
            {
                await refusal.WriteAsync(context.Response);
            }
        }
        finally
        {
            if (endpointId is not null)
            {
                _open.AddOrUpdate(endpointId, 0, (_, count) => count - 1);
            }
        }
    }

    // Every check before the upgrade, so a refusal is an HTTP answer with the JSON body; takes a tunnel slot on success.
    private async Task<(ConnectEndpointDefinition Endpoint, SimulatedInstance Instance, TimeSpan Lifetime)> AdmitAsync(HttpContext context)
    {
        var request = await AwsRequest.ReadAsync(context) ?? throw Invalid("the request is too large");
        if (!verifier.TryVerify(request, SigningName, out var caller, out var failure))
        {
            throw new TunnelRefusal(StatusCodes.Status403Forbidden, "AuthFailure", failure.Message);
        }

        var endpointId = Required(request, "instanceConnectEndpointId");
        var endpoint = state.ConnectEndpoints.FirstOrDefault(e => e.EndpointId == endpointId)
            ?? throw Invalid($"The instance connect endpoint ID '{endpointId}' does not exist");
        var host = request.Header("Host") ?? "";
        if (!DescribeInstanceConnectEndpoints.AllDnsNames(endpoint, state.Region).Contains(host, StringComparer.Ordinal))
        {
            throw Invalid($"The host '{host}' is not the DNS name of {endpointId}");
        }

        var port = Required(request, "remotePort");
        if (port is not ("22" or "3389") && !IsSshPortOffRoot(port))
        {
            throw Invalid($"remotePort {port} is not allowed: EC2 Instance Connect Endpoint tunnels go to port 22 or 3389");
        }

        var seconds = MaxTunnelSeconds;
        int? asked = null;
        if (request.Query.TryGetValue("maxTunnelDuration", out var duration))
        {
            asked = int.TryParse(duration, NumberStyles.None, CultureInfo.InvariantCulture, out seconds) && seconds is >= 1 and <= MaxTunnelSeconds
                ? seconds
                : throw Invalid($"maxTunnelDuration {duration} must be between 1 and 3600 seconds");
        }

        var address = Required(request, "privateIpAddress");
        var instance = TunnelTargets.Find(state.Instances, endpoint, address);
        if (instance.State != InstanceStateName.Running)
        {
            throw new TunnelRefusal(StatusCodes.Status400BadRequest, "InvalidInstanceState", $"{instance.InstanceId} is not running");
        }

        // IAM's AccessDenied names the action, not the condition that failed (a maxTunnelDuration above a cap).
        if (!state.Policy.Allows(caller, "ec2-instance-connect:OpenTunnel", instance.InstanceId, tunnelSeconds: asked))
        {
            throw new TunnelRefusal(StatusCodes.Status403Forbidden, "AccessDenied",
                $"{caller.Arn} is not authorized to perform: ec2-instance-connect:OpenTunnel on {endpointId}");
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw Invalid("openTunnel expects a websocket upgrade");
        }

        if (_open.AddOrUpdate(endpointId, 1, (_, count) => count + 1) > MaxTunnelsPerEndpoint)
        {
            _open.AddOrUpdate(endpointId, 0, (_, count) => count - 1);
            throw new TunnelRefusal(StatusCodes.Status429TooManyRequests, "TooManyConnections",
                $"{endpointId} already carries {MaxTunnelsPerEndpoint} tunnels, the most an endpoint allows at once");
        }

        return (endpoint, instance, TimeSpan.FromSeconds(seconds));
    }

    // The endpoint is inside the VPC: it reaches the private address whenever the instance's groups let its own groups in.
    private async Task<Socket> ConnectToInstanceAsync(ConnectEndpointDefinition endpoint, SimulatedInstance instance, CancellationToken cancellation)
    {
        if (!state.Network.AdmitsEndpoint(instance.Definition, endpoint))
        {
            throw new TunnelRefusal(StatusCodes.Status502BadGateway, "ConnectionFailed",
                $"{instance.InstanceId} did not answer on port 22: its security groups ({string.Join(", ", instance.Definition.SecurityGroupIds)}) "
                + $"let nothing in from {endpoint.EndpointId} (groups {string.Join(", ", endpoint.SecurityGroupIds)})");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(instance.Backstage, cancellation);
            return socket;
        }
        catch (SocketException error)
        {
            socket.Dispose();
            throw new TunnelRefusal(StatusCodes.Status502BadGateway, "ConnectionFailed", $"{instance.InstanceId} did not accept the connection: {error.SocketErrorCode}");
        }
    }

    // Off root every instance's port 22 is the simulator's SshPort (2222), which ssh_config then names for every host:
    // the endpoint takes it as port 22 rather than refusing each tunnel a client opens with ssh's %p.
    private bool IsSshPortOffRoot(string port) =>
        !Sshd.Permissions.IsRoot && state.Instances.FirstOrDefault() is { } any && port == any.SshPort.ToString(CultureInfo.InvariantCulture);

    private static void EndTunnel(Socket instance)
    {
        try
        {
            instance.Shutdown(SocketShutdown.Both);
        }
        catch (Exception error) when (error is ObjectDisposedException or SocketException)
        {
            // The tunnel ended on its own just before.
        }
    }

    private static string Required(AwsRequest request, string name) =>
        request.Query.TryGetValue(name, out var value) && value.Length > 0 ? value : throw Invalid($"{name} is required");

    private static TunnelRefusal Invalid(string message) => new(StatusCodes.Status400BadRequest, "InvalidParameter", message);

    [LoggerMessage(300, LogLevel.Information, "openTunnel {EndpointId} -> {InstanceId} ({Open} open)")]
    private static partial void LogOpened(ILogger logger, string endpointId, string instanceId, int open);

    [LoggerMessage(301, LogLevel.Warning, "openTunnel refused: {ErrorCode}: {Message}")]
    private static partial void LogRefused(ILogger logger, string errorCode, string message);
}
