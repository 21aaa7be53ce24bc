using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using EicAgent.Aws.Paths;
using EicAgent.Cli.Audit;
using EicAgent.Cli.Connect;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Connect.Tests;

/// <summary>connect@eicagent's decisions with fake AWS scopes: no sshd, no simulator, seconds.</summary>
public sealed class ConnectExtensionTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-connect-");
    private readonly FakeScopes _scopes = new();
    private readonly ConnectionPushes _pushes = new();
    private readonly KeyRing _keys = new(TimeProvider.System, NullLogger<KeyRing>.Instance);
    private readonly AgentSession _session = new(7, new PeerCredentials(Environment.ProcessId, null, null));

    private string AuditPath => _directory.Combine("audit.jsonl");

    [Fact]
    public async Task A_host_name_that_cannot_be_parsed_is_a_refusal_with_an_audit_line()
    {
        var reply = await ConnectAsync("10.0.0.1.a.b.c.eic");

        Assert.Equal("'10.0.0.1.a.b.c.eic': after '10.0.0.1' expected [PROFILE][.REGION].eic, got 'a.b.c'", reply.Refusal);
        Assert.Contains("\"event\":\"refused\"", Assert.Single(AuditLines()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_fault_is_a_refusal_naming_it_not_a_crash()
    {
        _scopes.Scope.Resolve = _ => throw new NullReferenceException("a bug");

        var reply = await ConnectAsync("web.eic");

        Assert.StartsWith("the agent failed (NullReferenceException: a bug)", reply.Refusal, StringComparison.Ordinal);
        Assert.Single(AuditLines());
    }

    [Fact]
    public async Task A_second_connect_on_one_agent_connection_is_refused_and_pushes_nothing()
    {
        var pushes = 0;
        _scopes.Scope.Push = (_, _) =>
        {
            Interlocked.Increment(ref pushes);
            return Task.FromResult(new KeyPushResult("r-1", Success: true));
        };
        Assert.Null((await ConnectAsync("web.eic")).Refusal);

        var again = await ConnectAsync("web.eic");

        Assert.Contains("one connect@eicagent per agent connection", again.Refusal, StringComparison.Ordinal);
        Assert.Equal(1, pushes);
    }

    [Fact]
    public async Task A_push_that_answers_success_false_is_a_failed_push()
    {
        _scopes.Scope.Push = (_, _) => Task.FromResult(new KeyPushResult("r-1", Success: false));

        var reply = await ConnectAsync("web.eic");
        var status = await _pushes.Find(_session)!;

        Assert.Null(reply.Refusal);
        Assert.Contains("did not accept the key", status.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_is_cancelled_when_its_connection_closes()
    {
        _scopes.Scope.Push = async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return new KeyPushResult("never", true);
        };

        await ConnectAsync("web.eic");
        var push = _pushes.Find(_session)!;
        _session.Close();
        var status = await push.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("the key push was cancelled", status.Failure);
    }

    [Fact]
    public async Task An_instance_id_pushed_before_a_lookup_that_refuses_is_audited_as_pushed_and_refused()
    {
        _scopes.Scope.Resolve = _ => throw new EicAwsException(EicAwsErrorKind.NotFound, "instance i-0123456789abcdef0 not found");

        var reply = await ConnectAsync("i-0123456789abcdef0");
        await AuditHasAsync(2);

        Assert.Equal("instance i-0123456789abcdef0 not found", reply.Refusal);
        var lines = AuditLines();
        Assert.Contains(lines, line => line.Contains("\"event\":\"refused\"", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("\"event\":\"push\"", StringComparison.Ordinal) && line.Contains("\"result\":\"pushed\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_callers_aws_context_reaches_the_scopes()
    {
        var context = Aws.Scopes.AwsContext.From([KeyValuePair.Create("AWS_PROFILE", "b"), KeyValuePair.Create("AWS_REGION", "eu-west-1")]);

        await ConnectAsync("web.eic", context);

        Assert.Equal(context.Key, Assert.Single(_scopes.Contexts).Key);
    }

    [Fact]
    public async Task An_mfa_profile_asks_for_the_code_then_connects_with_it_and_the_code_is_neither_logged_nor_audited()
    {
        _scopes.MfaSerial = "arn:aws:iam::123456789012:mfa/alice";

        var asked = await ConnectAsync("web.eic");
        var connected = await ConnectAsync("web.eic", mfaCode: "493817");

        Assert.Equal("arn:aws:iam::123456789012:mfa/alice", asked.MfaSerial);
        Assert.Null(asked.Route);
        Assert.Null(connected.Refusal);
        Assert.Equal(["493817"], _scopes.OfferedCodes);
        Assert.DoesNotContain("493817", new ConnectRequest("web.eic", 22, "u", null, null, NetworkPath.Auto) { MfaCode = "493817" }.ToString(), StringComparison.Ordinal);
        await AuditHasAsync(1);
        Assert.All(AuditLines(), line => Assert.DoesNotContain("493817", line, StringComparison.Ordinal));
        Assert.DoesNotContain(AuditLines(), line => line.Contains("\"event\":\"refused\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_mfa_code_and_the_question_for_one_survive_the_wire()
    {
        var request = ConnectRequest.Read(new ConnectRequest("web.eic", 22, "u", null, null, NetworkPath.Auto) { MfaCode = "123456" }.Write());
        var reply = ConnectReply.Read(ConnectReply.AskForMfaCode("arn:aws:iam::1:mfa/a", "needs a code").ToMessage());

        Assert.Equal("123456", request.MfaCode);
        Assert.Equal(("arn:aws:iam::1:mfa/a", "needs a code"), (reply.MfaSerial, reply.Refusal));
    }

    [Fact]
    public async Task An_existing_key_is_pushed_as_it_is_and_nothing_is_minted()
    {
        var key = TestPublicKeys.Ed25519();

        var reply = await ConnectAsync("web.eic", existingKey: key);
        var status = await _pushes.Find(_session)!;

        Assert.Null(reply.Refusal);
        Assert.Null(status.Failure);
        Assert.Equal($"ssh-ed25519 {Convert.ToBase64String(key)} eic-existing-key", Assert.Single(_scopes.Scope.PushedKeys));
        Assert.Empty(_keys.MintedKeys());
        await AuditHasAsync(1);
        using var audited = System.Text.Json.JsonDocument.Parse(Assert.Single(AuditLines()));
        Assert.Equal(Agent.Keys.SshPublicKey.Fingerprint(key), audited.RootElement.GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task An_existing_key_eic_cannot_push_is_a_refusal_that_says_why_and_pushes_nothing()
    {
        var reply = await ConnectAsync("web.eic", existingKey: TestPublicKeys.EcdsaP256());

        Assert.Equal(
            $"the key to push ({Agent.Keys.SshPublicKey.Fingerprint(TestPublicKeys.EcdsaP256())}) is ecdsa-sha2-nistp256; EC2 Instance Connect takes only Ed25519 and RSA keys (2048 bits or more)",
            reply.Refusal);
        Assert.Empty(_scopes.Scope.PushedKeys);
        Assert.Contains("\"event\":\"refused\"", Assert.Single(AuditLines()), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _keys.Dispose();
        _directory.Dispose();
    }

    private async Task<ConnectReply> ConnectAsync(string host, Aws.Scopes.AwsContext? context = null, string? mfaCode = null, byte[]? existingKey = null)
    {
        var audit = new AuditLog(AuditPath, TimeProvider.System, NullLogger<AuditLog>.Instance);
        var extension = new ConnectExtension(_keys, new TestProcessAsSsh(), _scopes, _pushes, new PushSharing(_keys, new MintLimits(), KeySharingPolicy.Shared, NullLogger<PushSharing>.Instance), HostKeyPublishers.None(), audit, NullLogger<ConnectExtension>.Instance);
        var request = new ConnectRequest(host, 22, "ec2-user", null, null, NetworkPath.Auto) { Context = context ?? Aws.Scopes.AwsContext.Empty, MfaCode = mfaCode, ExistingKey = existingKey };
        var message = await extension.HandleAsync(_session, request.Write(), CancellationToken.None);
        return ConnectReply.Read(message);
    }

    private async Task AuditHasAsync(int lines)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (AuditLines().Length < lines)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private string[] AuditLines() => File.Exists(AuditPath) ? File.ReadAllLines(AuditPath) : [];
}
