using EicAgent.Agent.Client;
using EicAgent.Agent.Core;
using EicAgent.Agent.Listeners;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using EicAgent.Cli.Connect;
using EicAgent.Cli.Proxy;
using EicAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Connect.Tests;

/// <summary>
/// What the ProxyCommand says after ssh's bare "Permission denied (publickey)", from the agent's record of the key
/// (`key-use@eicagent`): a key EC2 Instance Connect took but the instance refused means the user is probably missing
/// there -- unless the instance had taken the same shared key for another login, which proves the user exists and
/// leaves the instance's key lookup (5 s for every key pushed in the last minute) as the likely cause.
/// </summary>
public sealed class KeyUseTests : IDisposable
{
    private static readonly AgentSession FirstProxy = new(1, new PeerCredentials(300_001, null, 1));
    private static readonly AgentSession SecondProxy = new(2, new PeerCredentials(300_011, null, 1));
    private static readonly PeerCredentials FirstSsh = new(300_002, null, 1);
    private static readonly PeerCredentials SecondSsh = new(300_012, null, 1);

    private readonly KeyRing _keys = new(TimeProvider.System, NullLogger<KeyRing>.Instance);
    private readonly ConnectionPushes _pushes = new();

    [Fact]
    public async Task A_login_that_asked_for_keys_and_never_signed_with_its_pushed_key_was_refused_by_the_instance()
    {
        var key = SharedKey();
        key.Asked(FirstSsh);

        Assert.Equal(KeyUse.PushedNeverSigned, await KeyUseOfAsync(FirstProxy));
    }

    [Fact]
    public async Task A_refused_login_whose_shared_key_the_instance_took_for_another_login_says_so()
    {
        var key = SharedKey();
        key.Asked(FirstSsh);
        key.Asked(SecondSsh);

        Assert.NotNull(_keys.SignOnce(key, FirstSsh, "session"u8, SignatureFlags.None));

        Assert.Equal(KeyUse.Signed, await KeyUseOfAsync(FirstProxy));
        Assert.Equal(KeyUse.RefusedThoughAcceptedForAnotherLogin, await KeyUseOfAsync(SecondProxy));
    }

    [Fact]
    public async Task A_login_that_never_reached_authentication_says_nothing_about_the_key()
    {
        var key = SharedKey();
        Assert.NotNull(_keys.SignOnce(key, FirstSsh, "session"u8, SignatureFlags.None));

        Assert.Equal(KeyUse.Unknown, await KeyUseOfAsync(SecondProxy));
    }

    [Theory]
    [InlineData((byte)KeyUse.PushedNeverSigned, "eic: web-1.eic (i-0123456789abcdef0): EC2 Instance Connect accepted the key for ec2-user, but the instance did not: ec2-user probably does not exist there (EC2 Instance Connect cannot create users; most AMIs refuse root) -- log in as the AMI's user, usually ec2-user, ubuntu or admin: `ssh ec2-user@web-1.eic`")]
    [InlineData((byte)KeyUse.RefusedThoughAcceptedForAnotherLogin, "eic: web-1.eic (i-0123456789abcdef0): the instance refused the key for ec2-user that it had accepted for another login: its key lookup, which checks every key pushed for ec2-user in the last minute within 5 s, probably ran out of time with many logins at once -- try again, or let logins to one host share a connection (`./install --multiplex`)")]
    [InlineData((byte)KeyUse.Signed, "")]
    [InlineData((byte)KeyUse.Unknown, "")]
    public async Task The_proxy_prints_one_line_for_a_refused_key_and_nothing_otherwise(byte use, string expected)
    {
        using var directory = new TemporaryDirectory("eic-key-use-");
        var socket = directory.Combine("agent.sock");
        await using var agent = AnsweringAgent.Start(socket, (KeyUse)use);
        await using var client = await AgentClient.ConnectAsync(socket, CancellationToken.None);
        var errors = new StringWriter();

        var explained = await UnacceptedKeyHint.ExplainAsync(client, "web-1.eic", "i-0123456789abcdef0", "ec2-user", errors);

        Assert.Equal(expected.Length > 0, explained);
        Assert.Equal(expected, errors.ToString().TrimEnd('\n'));
    }

    public void Dispose() => _keys.Dispose();

    // One pushed key that both proxies' ssh processes are bound to, as connections sharing a push are.
    private MintedKey SharedKey()
    {
        var key = _keys.Mint(Binding(FirstSsh), "ec2-user");
        key.MarkReady();
        key.AcceptRidersUntil(DateTimeOffset.UtcNow.AddSeconds(30));
        Assert.True(key.TryAddRider(Binding(SecondSsh)));
        _pushes.Add(FirstProxy, Task.FromResult(PushStatus.Pushed), key, Binding(FirstSsh));
        _pushes.Add(SecondProxy, Task.FromResult(PushStatus.Pushed), key, Binding(SecondSsh));
        return key;
    }

    private static ClientBinding Binding(PeerCredentials ssh) => new(ssh.ProcessId!.Value, ssh.ProcessStartTime!.Value);

    private async Task<KeyUse> KeyUseOfAsync(AgentSession proxy) =>
        KeyUseMessage.Read(await new KeyUseExtension(_pushes).HandleAsync(proxy, ReadOnlyMemory<byte>.Empty, CancellationToken.None));

    /// <summary>An agent that answers `key-use@eicagent` with <c>use</c>, as ours does after a login.</summary>
    private sealed class AnsweringAgent(IAgentListener listener, KeyRing keys, CancellationTokenSource stop, Task running) : IAsyncDisposable
    {
        public static AnsweringAgent Start(string socket, KeyUse use)
        {
            var listener = AgentListenerFactory.Start(socket, NullLogger.Instance);
            var keys = new KeyRing(TimeProvider.System, NullLogger<KeyRing>.Instance);
            var stop = new CancellationTokenSource();
            var options = new AgentServerOptions { Extensions = [new FixedKeyUse(use)] };
            return new AnsweringAgent(listener, keys, stop, new AgentServer(listener, keys, options, NullLogger<AgentServer>.Instance).RunAsync(stop.Token));
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
            await listener.DisposeAsync();
            keys.Dispose();
            stop.Dispose();
        }
    }

    private sealed class FixedKeyUse(KeyUse use) : IAgentExtension
    {
        public string Name => KeyUseMessage.ExtensionName;

        public ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken) =>
            ValueTask.FromResult(use.ToMessage());
    }
}
