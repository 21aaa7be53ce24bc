using EicAgent.Agent.Client;
using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using EicAgent.Agent.Tests.Support;
using NSec.Cryptography;

namespace EicAgent.Agent.Tests.Binding;

/// <summary>
/// Minted keys are offered and used only by the ssh process they are bound to. This test process plays that
/// ssh: its connections carry its own pid and start time.
/// </summary>
public sealed class MintedKeyTests : AgentTest
{
    private const string OsUser = "ec2-user";
    private static readonly ClientBinding ThisProcess = ClientBinding.ForProcess(Environment.ProcessId);

    [Fact]
    public async Task A_minted_key_is_offered_first_to_its_bound_peer_and_to_nobody_else()
    {
        var user = await OpenSshKey.GenerateAsync(Work, "ed25519");
        await Agent.SshAddAsync(user.PrivatePath);
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkReady();
        await using var client = await Agent.ConnectAsync();

        var identities = await client.ListIdentitiesAsync(CancellationToken.None);
        var otherProcess = await Agent.SshAddAsync("-L");

        Assert.Equal(2, identities.Count);
        Assert.Equal(minted.PublicKeyBlob.ToArray(), identities[0].KeyBlob);
        Assert.Equal(user.PublicLine, otherProcess.StandardOutput.Trim());
    }

    [Fact]
    public async Task A_key_bound_to_an_earlier_process_with_the_same_pid_is_not_offered()
    {
        Agent.Keys.Mint(ThisProcess with { ProcessStartTime = ThisProcess.ProcessStartTime - 1 }, OsUser);
        await using var client = await Agent.ConnectAsync();

        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_connection_is_offered_one_minted_key_and_can_sign_with_no_other()
    {
        var first = Agent.Keys.Mint(ThisProcess, OsUser);
        var second = Agent.Keys.Mint(ThisProcess, OsUser);
        first.MarkReady();
        second.MarkReady();
        await using var client = await Agent.ConnectAsync();

        var offered = Assert.Single(await client.ListIdentitiesAsync(CancellationToken.None));
        var offeredAgain = Assert.Single(await client.ListIdentitiesAsync(CancellationToken.None));
        var notOffered = offered.KeyBlob.AsSpan().SequenceEqual(first.PublicKeyBlob.Span) ? second : first;
        var refused = await client.SignAsync(SignRequestFor(notOffered, SessionBindings.NewSessionId(), OsUser), CancellationToken.None);

        Assert.Equal(offered.KeyBlob, offeredAgain.KeyBlob);
        Assert.Null(refused);
        Assert.True(Agent.Log.Contains("is not the one offered on this connection"), Agent.Log.ToString());
    }

    [Fact]
    public async Task A_forwarded_connection_is_never_offered_a_minted_key_nor_signs_with_it()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkReady();
        await using var client = await Agent.ConnectAsync();
        var sessionId = SessionBindings.NewSessionId();

        var bound = await client.RequestAsync(SessionBindings.Signed(sessionId, isForwarding: true).ToMessage(), CancellationToken.None);

        Assert.Equal(AgentMessageType.Success, bound.Type);
        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
        Assert.Null(await client.SignAsync(SignRequestFor(minted, sessionId, OsUser), CancellationToken.None));
        Assert.True(Agent.Log.Contains("is never used through a forwarded agent"), Agent.Log.ToString());
    }

    [Fact]
    public async Task A_sign_request_for_another_user_is_refused()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkReady();
        await using var client = await Agent.ConnectAsync();

        var signature = await client.SignAsync(SignRequestFor(minted, SessionBindings.NewSessionId(), "root"), CancellationToken.None);

        Assert.Null(signature);
        Assert.True(Agent.Log.Contains($"is for user {OsUser}, not root"), Agent.Log.ToString());
        Assert.False(minted.Outcome.IsCompleted);
    }

    [Fact]
    public async Task A_sign_request_for_another_session_than_the_bound_one_is_refused()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkReady();
        await using var client = await Agent.ConnectAsync();
        await client.RequestAsync(SessionBindings.Signed(SessionBindings.NewSessionId(), isForwarding: false).ToMessage(), CancellationToken.None);

        var signature = await client.SignAsync(SignRequestFor(minted, SessionBindings.NewSessionId(), OsUser), CancellationToken.None);

        Assert.Null(signature);
        Assert.True(Agent.Log.Contains("for another session or host than the bound one"), Agent.Log.ToString());
    }

    [Fact]
    public async Task Signing_waits_for_the_push_then_signs_once_and_forgets_the_key()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        await using var client = await Agent.ConnectAsync();
        var sessionId = SessionBindings.NewSessionId();
        await client.RequestAsync(SessionBindings.Signed(sessionId, isForwarding: false).ToMessage(), CancellationToken.None);
        var request = SignRequestFor(minted, sessionId, OsUser);

        var signing = client.SignAsync(request, CancellationToken.None);
        await Agent.Log.WaitForAsync(entry => entry.Message.Contains($"{minted.Fingerprint} waits for its push", StringComparison.Ordinal));
        Assert.False(signing.IsCompleted);
        minted.MarkReady();
        var signature = await signing.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.NotNull(signature);
        Assert.True(VerifiesWith(minted, request.Data, signature));
        Assert.Equal(MintedKeyOutcome.Used, await minted.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
        Assert.Null(await client.SignAsync(request, CancellationToken.None));
    }

    [Fact]
    public async Task Listing_waits_for_the_push_because_ssh_offers_the_key_to_sshd_before_it_signs()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        await using var client = await Agent.ConnectAsync();

        var listing = client.ListIdentitiesAsync(CancellationToken.None);
        await Agent.Log.WaitForAsync(entry => entry.Message.Contains($"{minted.Fingerprint} waits for its push", StringComparison.Ordinal));
        Assert.False(listing.IsCompleted);
        minted.MarkReady();

        var offered = Assert.Single(await listing.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(minted.PublicKeyBlob.ToArray(), offered.KeyBlob);
    }

    [Fact]
    public async Task The_offer_says_when_ssh_asked_how_long_the_push_took_and_how_long_ssh_waited()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        await using var client = await Agent.ConnectAsync();
        Agent.Clock.Advance(TimeSpan.FromMilliseconds(40));

        var listing = client.ListIdentitiesAsync(CancellationToken.None);
        await Agent.Log.WaitForAsync(entry => entry.Message.Contains($"{minted.Fingerprint} waits for its push", StringComparison.Ordinal));
        Agent.Clock.Advance(TimeSpan.FromMilliseconds(110));
        minted.MarkReady();
        await listing.WaitAsync(TimeSpan.FromSeconds(10));

        var offer = await Agent.Log.WaitForAsync(entry => entry.Message.Contains($"offered minted key {minted.Fingerprint}", StringComparison.Ordinal));
        Assert.EndsWith("ssh asked for it 40 ms after the mint, its push took 150 ms, ssh waited 110 ms", offer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_whose_push_failed_is_not_offered()
    {
        var user = await OpenSshKey.GenerateAsync(Work, "ed25519");
        await Agent.SshAddAsync(user.PrivatePath);
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkFailed("SendSSHPublicKey was denied");
        await using var client = await Agent.ConnectAsync();

        var offered = Assert.Single(await client.ListIdentitiesAsync(CancellationToken.None));

        Assert.NotEqual(minted.PublicKeyBlob.ToArray(), offered.KeyBlob);
        Assert.True(Agent.Log.Contains("its push failed: SendSSHPublicKey was denied"), Agent.Log.ToString());
    }

    [Fact]
    public async Task A_failed_push_fails_the_sign_request_with_its_reason_and_forgets_the_key()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkFailed("SendSSHPublicKey was denied");
        await using var client = await Agent.ConnectAsync();

        var signature = await client.SignAsync(SignRequestFor(minted, SessionBindings.NewSessionId(), OsUser), CancellationToken.None);

        Assert.Null(signature);
        Assert.Equal(MintedKeyOutcome.Failed, await minted.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(Agent.Log.Contains("its push failed: SendSSHPublicKey was denied"), Agent.Log.ToString());
    }

    [Fact]
    public async Task A_push_that_never_finishes_fails_the_sign_request_after_the_bound()
    {
        await using var agent = TestAgent.Start(new AgentServerOptions { MintedKeyReadyTimeout = TimeSpan.FromMilliseconds(200) }, TimeProvider.System);
        var minted = agent.Keys.Mint(ThisProcess, OsUser);
        await using var client = await agent.ConnectAsync();

        var signature = await client.SignAsync(SignRequestFor(minted, SessionBindings.NewSessionId(), OsUser), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(signature);
        Assert.Equal(MintedKeyOutcome.Failed, await minted.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(agent.Log.Contains("its push did not finish within 0.2 s"), agent.Log.ToString());
    }

    [Fact]
    public async Task An_unused_minted_key_is_forgotten_when_its_lifetime_ends()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);
        minted.MarkReady();
        await using var client = await Agent.ConnectAsync();
        Assert.Single(await client.ListIdentitiesAsync(CancellationToken.None));

        Agent.Clock.Advance(KeyRing.DefaultMintLifetime);

        Assert.Empty(await client.ListIdentitiesAsync(CancellationToken.None));
        Assert.Equal(MintedKeyOutcome.Expired, await minted.Outcome.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Null(await client.SignAsync(SignRequestFor(minted, SessionBindings.NewSessionId(), OsUser), CancellationToken.None));
    }

    [Fact]
    public void The_public_key_line_and_fingerprint_read_as_OpenSSH_writes_them()
    {
        var minted = Agent.Keys.Mint(ThisProcess, OsUser);

        var parts = minted.PublicKeyLine.Split(' ');
        Assert.Equal("ssh-ed25519", parts[0]);
        Assert.Equal(minted.PublicKeyBlob.ToArray(), Convert.FromBase64String(parts[1]));
        Assert.StartsWith("SHA256:", minted.Fingerprint, StringComparison.Ordinal);
        Assert.Equal(43 + 7, minted.Fingerprint.Length);
    }

    private static SignRequest SignRequestFor(MintedKey minted, byte[] sessionId, string user) =>
        new(minted.PublicKeyBlob.ToArray(), SessionBindings.UserAuthData(sessionId, user, minted.PublicKeyBlob), SignatureFlags.None);

    private static bool VerifiesWith(MintedKey minted, byte[] data, byte[] signatureBlob)
    {
        var reader = new SshReader(signatureBlob);
        Assert.Equal("ssh-ed25519", reader.ReadUtf8String());
        var signature = reader.ReadString().ToArray();
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, minted.PublicKeyBlob.Span[^32..], KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(publicKey, data, signature);
    }
}
