using System.Diagnostics;
using EicAgent.Agent.Core;
using EicAgent.Agent.Platform;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.RoleSessions;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EicAgent.Connect.Tests;

/// <summary>role-session@eicagent: the agent lends its MFA role session to eic's own commands, and to nobody else.</summary>
public sealed class RoleSessionTests : IDisposable
{
    private const string Serial = "arn:aws:iam::123456789012:mfa/alice";

    private static readonly MfaRoleSession Session = new("ASIAEXAMPLE", "secret-part", "token-part", DateTimeOffset.FromUnixTimeSeconds(2_000_000_000));

    private readonly TemporaryDirectory _directory = new("eic-role-session-");
    private readonly FakeScopes _scopes = new();
    private readonly AwsContext _context = AwsContext.From([KeyValuePair.Create("AWS_PROFILE", "admin")]);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_profile_whose_session_an_mfa_code_bought_is_lent_with_the_session_and_its_end()
    {
        _scopes.Scope.MfaRoleSession = Session;

        var reply = await AskAsync(new RoleSessionRequest("admin", "eu-west-1", null) { Context = _context });

        Assert.Equal(Session, reply.Session);
        Assert.Equal(_context.Key, Assert.Single(_scopes.Contexts).Key);
    }

    [Fact]
    public async Task Without_a_session_the_agent_asks_for_the_code_and_buys_one_with_it()
    {
        _scopes.MfaSerial = Serial;
        _scopes.Scope.MfaRoleSession = Session;

        var asked = await AskAsync(new RoleSessionRequest("admin", null, null) { Context = _context });
        var lent = await AskAsync(new RoleSessionRequest("admin", null, "493817") { Context = _context });

        Assert.Equal((Serial, $"profile test needs an MFA code for {Serial}"), (asked.MfaSerial, asked.Reason));
        Assert.Null(asked.Session);
        Assert.Equal(["493817"], _scopes.OfferedCodes);
        Assert.Equal(Session, lent.Session);
    }

    [Fact]
    public async Task A_profile_that_needs_no_code_lends_nothing()
    {
        var reply = await AskAsync(new RoleSessionRequest("plain", null, null));

        Assert.True(reply.NoSession);
        Assert.Null(reply.Session);
    }

    [Fact]
    public async Task An_aws_failure_is_a_refusal_with_its_line()
    {
        var extension = new RoleSessionExtension(new FailingScopes(), new TestProcessAsEic(), NullLogger<RoleSessionExtension>.Instance);

        var reply = RoleSessionReply.Read(await extension.HandleAsync(Session7(), new RoleSessionRequest("gone", null, null).Write(), CancellationToken.None));

        Assert.Equal("the config profile (gone) could not be found", reply.Reason);
        Assert.False(reply.NoSession);
    }

    [Fact]
    public async Task A_peer_that_is_not_eic_is_refused_and_no_scope_is_asked()
    {
        _scopes.Scope.MfaRoleSession = Session;
        using var other = Process.Start("sleep", "60");
        var peer = new AgentSession(8, new PeerCredentials(other.Id, null, ProcessTable.Current.StartTime(other.Id)));
        var extension = new RoleSessionExtension(_scopes, new PeerProgram(), NullLogger<RoleSessionExtension>.Instance);

        var reply = RoleSessionReply.Read(await extension.HandleAsync(peer, new RoleSessionRequest("admin", null, null).Write(), CancellationToken.None));
        other.Kill();

        Assert.Null(reply.Session);
        Assert.Equal("the agent lends a role session only to eic's own commands on this machine", reply.Reason);
        Assert.Empty(_scopes.Contexts);
    }

    [Fact]
    public async Task A_connection_relayed_by_a_forwarded_agent_is_refused()
    {
        _scopes.Scope.MfaRoleSession = Session;
        var session = Session7();
        Assert.Null(session.TryBind(new SessionBinding([1], [2], IsForwarding: true)));

        var reply = RoleSessionReply.Read(await Extension().HandleAsync(session, new RoleSessionRequest("admin", null, null).Write(), CancellationToken.None));

        Assert.Null(reply.Session);
        Assert.Empty(_scopes.Contexts);
    }

    [Fact]
    public void A_request_without_a_profile_is_malformed()
    {
        Assert.Throws<AgentProtocolException>(() => RoleSessionRequest.Read(new RoleSessionRequest("", null, null).Write()));
    }

    [Fact]
    public void The_request_shows_neither_the_code_nor_secret_variables()
    {
        var context = AwsContext.From([KeyValuePair.Create("AWS_SECRET_ACCESS_KEY", "very-secret"), KeyValuePair.Create("AWS_ACCESS_KEY_ID", "AKIA1")]);
        var request = RoleSessionRequest.Read(new RoleSessionRequest("admin", "eu-west-1", "493817") { Context = context }.Write());

        Assert.Equal(("admin", "eu-west-1", "493817", context.Key), (request.Profile, request.Region, request.MfaCode, request.Context.Key));
        Assert.DoesNotContain("493817", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", request.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-part", Session.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("token-part", Session.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_borrows_after_one_question_and_the_agent_keeps_the_session_for_the_next()
    {
        _scopes.MfaSerial = Serial;
        _scopes.Scope.MfaRoleSession = Session;
        var socket = _directory.Combine("agent.sock");
        await using var agent = new ConnectAgent(_scopes, socket, _directory.Combine("audit.jsonl"), Extension());
        var questions = new List<string>();
        Task<string> AskAsync(string question, CancellationToken token)
        {
            questions.Add(question);
            return Task.FromResult("493817");
        }

        var first = await RoleSessionBorrower.BorrowAsync(socket, new RoleSessionRequest("admin", null, null) { Context = _context }, AskAsync, CancellationToken.None);
        var second = await RoleSessionBorrower.BorrowAsync(socket, new RoleSessionRequest("admin", null, null) { Context = _context }, AskAsync, CancellationToken.None);

        Assert.Equal(Session, first);
        Assert.Equal(Session, second);
        Assert.Equal([$"profile test needs an MFA code for {Serial}"], questions);
    }

    [Fact]
    public async Task Without_an_agent_the_command_borrows_nothing_and_asks_nobody()
    {
        var asked = false;

        var lent = await RoleSessionBorrower.BorrowAsync(
            _directory.Combine("nobody.sock"), new RoleSessionRequest("admin", null, null), (_, _) => { asked = true; return Task.FromResult("1"); }, CancellationToken.None);

        Assert.Null(lent);
        Assert.False(asked);
    }

    [Fact]
    public async Task A_code_the_agent_could_not_buy_a_session_with_is_the_agents_line()
    {
        var socket = _directory.Combine("agent.sock");
        await using var agent = new ConnectAgent(_scopes, socket, _directory.Combine("audit.jsonl"),
            new RoleSessionExtension(new FailingScopes { AfterCode = true }, new TestProcessAsEic(), NullLogger<RoleSessionExtension>.Instance));

        var error = await Assert.ThrowsAsync<EicAwsException>(() => RoleSessionBorrower.BorrowAsync(
            socket, new RoleSessionRequest("admin", null, null), (_, _) => Task.FromResult("000000"), CancellationToken.None));

        Assert.Equal("AWS refused the MFA code", error.Message);
    }

    private RoleSessionExtension Extension() => new(_scopes, new TestProcessAsEic(), NullLogger<RoleSessionExtension>.Instance);

    private async Task<RoleSessionReply> AskAsync(RoleSessionRequest request) =>
        RoleSessionReply.Read(await Extension().HandleAsync(Session7(), request.Write(), CancellationToken.None));

    private static AgentSession Session7() => new(7, new PeerCredentials(Environment.ProcessId, null, null));

    /// <summary>Scopes that cannot be built: a missing profile, or (after a code) AWS refusing it.</summary>
    private sealed class FailingScopes : IAwsScopes
    {
        private bool _offered;

        public bool AfterCode { get; init; }

        public Task<IAwsScope> GetAsync(Aws.Targets.TargetSpec target, AwsContext context, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IAwsScope> GetAsync(string? profile, string? region, AwsContext context, CancellationToken cancellationToken) => throw (AfterCode, _offered) switch
        {
            (false, _) => new EicAwsException(EicAwsErrorKind.NoCredentials, $"the config profile ({profile}) could not be found"),
            (true, false) => new EicAwsException(EicAwsErrorKind.MfaCodeRequired, "needs a code") { MfaSerial = Serial },
            (true, true) => new EicAwsException(EicAwsErrorKind.AccessDenied, "AWS refused the MFA code"),
        };

        public void OfferMfaCode(AwsContext context, string code) => _offered = true;
    }
}
