using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using EicAgent.Simulator.Fleet;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EicAgent.Simulator.SessionManager;

/// <summary>
/// Session Manager's data channel (the real one is wss://ssmmessages.REGION.amazonaws.com/v1/data-channel/SESSION):
/// a websocket whose first (text) message carries StartSession's token; then the instance's SSM agent -- played here --
/// sends its handshake request, and once the client's handshake response names the session type, the session carries
/// the bytes of a TCP connection to the document's port on the instance.
/// </summary>
internal sealed partial class DataChannelService(SimulatorState state, SsmSessions sessions, ILogger logger)
{
    public const string PathPrefix = "/v1/data-channel/";
    private static readonly TimeSpan TokenTimeout = TimeSpan.FromSeconds(30);

    public async Task HandleAsync(HttpContext context)
    {
        var sessionId = (string)context.Request.RouteValues["sessionId"]!;
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        using var tokenWait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        tokenWait.CancelAfter(TokenTimeout);
        var session = await AdmitAsync(webSocket, sessionId, tokenWait.Token);
        if (session is null)
        {
            return;
        }

        using var tcp = await ConnectAsync(session);
        if (tcp is null)
        {
            await ServerDataChannel.CloseAsync(webSocket, session, $"Unable to start command: failed to start port session: dial tcp {session.Instance.PrivateIpAddress}:{session.Port}: connect: connection refused", state.Clock);
            return;
        }

        LogOpened(logger, sessionId, session.Instance.InstanceId);
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, session.Terminated);
        await new ServerDataChannel(webSocket, tcp, session, state.Clock).RunAsync(ended.Token);
        sessions.Remove(sessionId, out _);
        LogClosed(logger, sessionId, session.TerminationReason ?? "the connection ended");
    }

    private async Task<SsmSession?> AdmitAsync(WebSocket webSocket, string sessionId, CancellationToken cancellation)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var received = await webSocket.ReceiveAsync(buffer, cancellation);
            var token = received.MessageType == WebSocketMessageType.Text && received.EndOfMessage ? TokenOf(buffer.AsSpan(0, received.Count)) : null;
            var session = sessions.Find(sessionId);
            if (session is not null && token == session.Token && session.TryOpen())
            {
                return session;
            }

            await webSocket.CloseAsync(WebSocketCloseStatus.PolicyViolation, "The token is not valid for this session", CancellationToken.None);
        }
        catch (Exception error) when (error is WebSocketException or OperationCanceledException)
        {
            LogRefused(logger, sessionId, error.Message);
        }

        return null;
    }

    private static string? TokenOf(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.TryGetProperty("TokenValue", out var token) ? token.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The agent runs on the instance: its port is sshd's whatever the security groups say (22 stands for the sshd port off root).
    private static async Task<Socket?> ConnectAsync(SsmSession session)
    {
        if (session.Instance.State != InstanceStateName.Running || (session.Port != 22 && session.Port != session.Instance.SshPort))
        {
            return null;
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(session.Instance.Backstage);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

    [LoggerMessage(410, LogLevel.Information, "data channel {SessionId} -> {InstanceId} open")]
    private static partial void LogOpened(ILogger logger, string sessionId, string instanceId);

    [LoggerMessage(411, LogLevel.Information, "data channel {SessionId} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, string sessionId, string reason);

    [LoggerMessage(412, LogLevel.Warning, "data channel {SessionId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string sessionId, string reason);
}
