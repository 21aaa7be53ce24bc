using EicAgent.Agent.Client;
using EicAgent.Agent.KeyFiles;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Paths;
using EicAgent.Cli.Connect;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// The ProxyCommand: ask the agent for a route and a key push, connect, and relay ssh's bytes. stdout carries
/// only the SSH stream; every diagnostic is one line on stderr, escaped (it may quote AWS's error text).
/// Processes, tunnels and the terminal are <see cref="IProxyPlumbing"/>'s.
/// </summary>
internal static class ProxyClient
{
    public static async Task<int> RunAsync(ProxyOptions options, IProxyPlumbing plumbing, Stream input, Stream output, TextWriter errors, CancellationToken cancellation)
    {
        try
        {
            await using var agent = await AgentConnector.ConnectOrStartAsync(options.SocketPath, plumbing, cancellation).ConfigureAwait(false);
            var existingKey = options.PushKey is { } pushKey ? await PushKeySource.ReadAsync(pushKey, agent, cancellation).ConfigureAwait(false) : null;
            var reply = await ProgressLine.WhileAsync(errors, $"eic: {options.Host}: waiting for AWS...", AskForRouteAsync(agent, options, existingKey, null, cancellation))
                .ConfigureAwait(false);
            if (reply.MfaSerial is not null)
            {
                // The agent cannot ask anybody: the person is at ssh's terminal. Same connection, now with the code.
                var code = await plumbing.AskMfaCodeAsync(UntrustedText.Printable(reply.Refusal!), cancellation)
                    .ConfigureAwait(false);
                reply = await ProgressLine.WhileAsync(errors, $"eic: {options.Host}: waiting for AWS...", AskForRouteAsync(agent, options, existingKey, code, cancellation))
                    .ConfigureAwait(false);
            }

            if (reply.Refusal is not null)
            {
                await errors.WriteLineAsync($"eic: {UntrustedText.Printable(reply.Refusal)}").ConfigureAwait(false);
                return 1;
            }

            if (reply.HostKeyNote is not null)
            {
                await errors.WriteLineAsync($"eic: {UntrustedText.Printable(reply.HostKeyNote)}").ConfigureAwait(false);
            }

            if (options.KeyFile is { } keyFile && !options.Serial && existingKey is null)
            {
                // Refused (not Linux, a path not the agent's...): the agent offers the key instead, as without --key-file.
                _ = await agent.ExtensionAsync(KeyFileExtension.ExtensionName, KeyFileExtension.Request(keyFile), cancellation).ConfigureAwait(false);
            }

            var push = agent.ExtensionAsync(PushStatus.ExtensionName, [], cancellation);
            await using var tunnel = await plumbing.OpenTunnelAsync(reply.Route!, options, cancellation).ConfigureAwait(false);
            if (existingKey is not null && await PushFailureAsync(push).ConfigureAwait(false) is { } failure)
            {
                // The agent holds no sign request for a key it did not mint: ssh's bytes wait for the push instead.
                await errors.WriteLineAsync($"eic: {UntrustedText.Printable($"{reply.InstanceId}: {failure}")}").ConfigureAwait(false);
                return 1;
            }

            using var endWarning = TunnelEndWarning.Start(reply.Route!, options.Host, errors, TimeProvider.System);
            return await RelayWhilePushingAsync(agent, push, tunnel, plumbing, input, output, errors, options, reply.InstanceId!, cancellation).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is AgentUnavailableException or TunnelException or AgentProtocolException or UntrustedAgentException or MfaPromptException
            or PushKeyException)
        {
            if (exception is AgentUnavailableException)
            {
                UnservedKeyFile.Release(options);
            }

            await errors.WriteLineAsync($"eic: {UntrustedText.Printable($"{options.Host}: {exception.Message}")}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception exception) when (exception is IOException or TimeoutException)
        {
            await errors.WriteLineAsync($"eic: {UntrustedText.Printable($"{options.Host}: lost the agent at {options.SocketPath}: {exception.Message}")}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<ConnectReply> AskForRouteAsync(
        AgentClient agent, ProxyOptions options, byte[]? existingKey, string? mfaCode, CancellationToken cancellation)
    {
        var request = (options.Serial
            ? SerialConsoleRequest.For(options)
            : new ConnectRequest(options.Host, options.Port, options.User, options.Profile, options.Region, options.Path, options.EndpointId)
            {
                Context = options.Context,
                AutoOrder = options.AutoOrder,
                MaxTunnelSeconds = options.MaxTunnelSeconds,
                KnownHostsNames = options.KnownHostsNames,
            }) with { MfaCode = mfaCode, ExistingKey = existingKey };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        bounded.CancelAfter(options.AgentTimeout);
        try
        {
            var reply = await agent.ExtensionAsync(ConnectRequest.ExtensionName, request.Write(), bounded.Token).ConfigureAwait(false);
            return ConnectReply.Read(reply);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            throw new TimeoutException($"the agent did not answer within {options.AgentTimeout.TotalSeconds:0} s");
        }
    }

    /// <summary>
    /// Relays until the session ends (or ssh hangs up). Meanwhile the agent reports how the key push ended: a failed
    /// push ends the connection with the reason, since ssh itself would only say "Permission denied (publickey)";
    /// a key that was pushed but never signed with gets its explanation after ssh's refusal.
    /// </summary>
    private static async Task<int> RelayWhilePushingAsync(
        AgentClient agent, Task<AgentMessage> push, ITunnel tunnel, IProxyPlumbing plumbing, Stream input, Stream output, TextWriter errors, ProxyOptions options, string instanceId,
        CancellationToken cancellation)
    {
        using var hangUp = plumbing.WatchSshHangUp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation, hangUp.Token);
        var relay = ByteRelay.RunAsync(input, output, tunnel, stop.Token);
        var pushEndedFirst = await Task.WhenAny(relay, push).ConfigureAwait(false) == push;
        if (pushEndedFirst && await PushFailureAsync(push).ConfigureAwait(false) is { } failure)
        {
            await errors.WriteLineAsync($"eic: {UntrustedText.Printable($"{instanceId}: {failure}")}").ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            return 1;
        }

        Task<bool>? agentHangUp = null;
        Task? release = null;
        if (pushEndedFirst && options.KeyFile is not null)
        {
            // Started here, between requests: the watch's read must never run beside a request's.
            agentHangUp = agent.HangUpAsync();
            release = UnservedKeyFile.ReleaseWhenAgentGoesAsync(agentHangUp, options);
        }

        try
        {
            await relay.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (hangUp.Token.IsCancellationRequested)
        {
            // ssh has exited: nothing more to carry.
        }

        if (agentHangUp is { IsCompleted: true })
        {
            // The agent is gone and the release has begun: let it finish, or its pipe is left aside under another name.
            await release!.ConfigureAwait(false);
        }

        var pushed = push.IsCompletedSuccessfully && PushStatus.Read(push.Result).Failure is null;
        return pushed && await UnacceptedKeyHint.ExplainAsync(agent, options.Host, instanceId, options.User, errors).ConfigureAwait(false) ? 1 : 0;
    }

    /// <summary>Why the push failed, once it has ended; null when it succeeded or the agent could not say.</summary>
    private static async Task<string?> PushFailureAsync(Task<AgentMessage> push)
    {
        await ((Task)push).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return push.IsCompletedSuccessfully ? PushStatus.Read(push.Result).Failure : null;
    }
}
