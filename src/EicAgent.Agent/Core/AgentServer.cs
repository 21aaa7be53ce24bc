using System.Collections.Concurrent;
using EicAgent.Agent.Listeners;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>
/// Accepts clients from a listener and serves each on its own task, so a slow or broken client only ever
/// holds up itself. <see cref="RunAsync"/> returns once cancelled and every connection has ended.
/// </summary>
public sealed class AgentServer
{
    private static readonly TimeSpan AcceptRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RefusalLogInterval = TimeSpan.FromSeconds(1);

    private readonly IAgentListener _listener;
    private readonly KeyRing _keys;
    private readonly AgentServerOptions _options;
    private readonly ILogger _logger;
    private readonly AgentConnectionLoop _loop;
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly ConnectionAdmission _admission;
    private long _lastConnectionId;
    private long _lastRefusalLogged = long.MinValue;
    private int _refusalsNotLogged;

    public AgentServer(IAgentListener listener, KeyRing keys, AgentServerOptions options, ILogger<AgentServer> logger)
    {
        _listener = listener;
        _keys = keys;
        _options = options;
        _logger = logger;
        _admission = new ConnectionAdmission(options);
        _loop = new AgentConnectionLoop(new AgentDispatcher(keys, options, logger), options, keys.Time, logger);
    }

    /// <summary>How many clients are connected right now.</summary>
    public int ActiveConnections => _connections.Count;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        AgentLog.Listening(_logger, _listener.Path);
        using var sweep = _keys.Time.CreateTimer(_ => _keys.RemoveExpired(), null, _options.SweepInterval, _options.SweepInterval);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await AcceptAsync(cancellationToken) is { } connection && await AdmitAsync(connection))
                {
                    var id = Interlocked.Increment(ref _lastConnectionId);
                    var served = Task.Run(() => ServeAsync(id, connection, cancellationToken), CancellationToken.None);
                    _connections[id] = served;
                    _ = served.ContinueWith(_ => _connections.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                }
            }
        }
        finally
        {
            await Task.WhenAll(_connections.Values);
            AgentLog.Stopped(_logger, _listener.Path);
        }
    }

    private async Task<AgentConnection?> AcceptAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _listener.AcceptAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            // E.g. out of file descriptors: back off briefly instead of spinning.
            AgentLog.AcceptFailed(_logger, exception);
            await Task.WhenAny(Task.Delay(AcceptRetryDelay, _keys.Time, cancellationToken));
            return null;
        }
    }

    /// <summary>Closes a connection over the limits at once, so that a flood never holds up the accept loop.</summary>
    private async ValueTask<bool> AdmitAsync(AgentConnection connection)
    {
        if (_admission.TryEnter(connection.Peer) is not { } reason)
        {
            return true;
        }

        await connection.DisposeAsync();
        LogRefusal(connection.Peer, reason);
        return false;
    }

    /// <summary>One line per second at most: a flood of refused connections must not become a flood of log lines.</summary>
    private void LogRefusal(PeerCredentials peer, string reason)
    {
        var now = _keys.Time.GetTimestamp();
        if (_lastRefusalLogged != long.MinValue && _keys.Time.GetElapsedTime(_lastRefusalLogged, now) < RefusalLogInterval)
        {
            _refusalsNotLogged++;
            return;
        }

        AgentLog.ConnectionOverLimit(_logger, peer, reason, _refusalsNotLogged);
        _lastRefusalLogged = now;
        _refusalsNotLogged = 0;
    }

    private async Task ServeAsync(long id, AgentConnection connection, CancellationToken cancellationToken)
    {
        await using (connection)
        {
            var session = new AgentSession(id, connection.Peer);
            AgentLog.ConnectionAccepted(_logger, id, connection.Peer);
            try
            {
                await _loop.ServeAsync(connection.Stream, session, cancellationToken);
                AgentLog.ConnectionClosed(_logger, id);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                AgentLog.ConnectionBroken(_logger, id, "the agent is stopping");
            }
            catch (Exception exception)
            {
                // Whatever happens to one connection stays with it.
                AgentLog.ConnectionBroken(_logger, id, exception.Message);
            }
            finally
            {
                session.Close();
                _admission.Leave(connection.Peer);
            }
        }
    }
}
