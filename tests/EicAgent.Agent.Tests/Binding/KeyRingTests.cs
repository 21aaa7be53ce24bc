using EicAgent.Agent.Core;
using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol.Messages;
using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;
using Microsoft.Extensions.Time.Testing;

namespace EicAgent.Agent.Tests.Binding;

/// <summary>Expiry is checked on every use of the ring: no sweeper runs in these tests.</summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly TestLog _log = new();
    private readonly KeyRing _keys;

    public KeyRingTests() => _keys = new KeyRing(_clock, _log.For<KeyRing>());

    public void Dispose() => _keys.Dispose();

    [Fact]
    public void An_expired_user_key_is_neither_listed_nor_found_and_is_wiped()
    {
        var key = Ed25519AgentKey.Generate();
        _keys.Add(key, "short-lived", TimeSpan.FromSeconds(2));
        _keys.Add(Ed25519AgentKey.Generate(), "forever", lifetime: null);

        _clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(["forever"], _keys.UserKeys().Select(identity => identity.Comment));
        Assert.Null(_keys.FindUserKey(key.PublicKeyBlob));
        Assert.Throws<ObjectDisposedException>(() => key.Sign([1], SignatureFlags.None));
    }

    [Fact]
    public async Task An_expired_minted_key_is_not_found_for_its_peer_and_reports_why_it_went()
    {
        var binding = ClientBinding.ForProcess(Environment.ProcessId);
        var peer = new PeerCredentials(binding.ProcessId, 0, binding.ProcessStartTime);
        var minted = _keys.Mint(binding, "ubuntu", TimeSpan.FromSeconds(30));
        Assert.Same(minted, _keys.MintedKeyFor(peer));

        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Null(_keys.MintedKeyFor(peer));
        Assert.Equal(MintedKeyOutcome.Expired, await minted.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(_log.Contains($"minted key {minted.Fingerprint} for pid {binding.ProcessId} forgotten: Expired"), _log.ToString());
    }

    [Fact]
    public void Adding_the_same_key_again_replaces_it_with_the_new_comment_and_lifetime()
    {
        var first = Ed25519AgentKey.Generate();
        _keys.Add(first, "old", TimeSpan.FromSeconds(1));
        var blob = first.PublicKeyBlob;

        _keys.Add(first, "new", lifetime: null);
        _clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("new", Assert.Single(_keys.UserKeys()).Comment);
        Assert.NotNull(_keys.FindUserKey(blob));
    }

    [Fact]
    public void Minting_refuses_an_empty_user_or_lifetime()
    {
        var binding = ClientBinding.ForProcess(Environment.ProcessId);

        Assert.Throws<ArgumentException>(() => _keys.Mint(binding, " "));
        Assert.Throws<ArgumentOutOfRangeException>(() => _keys.Mint(binding, "ubuntu", TimeSpan.Zero));
    }
}
