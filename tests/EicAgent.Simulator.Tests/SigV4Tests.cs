using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Xunit;
using static EicAgent.Simulator.Tests.SignedRequestClient;

namespace EicAgent.Simulator.Tests;

/// <summary>Starts the simulator with a second identity that uses temporary credentials (a session token).</summary>
public sealed class SigV4Fixture : SimulatorFixture
{
    public static readonly SimulatedCaller Temporary = new(
        "ASIAEICSIMULATOR0002", "temporary-secret-access-key-000000000002", "arn:aws:sts::123456789012:assumed-role/deploy/ci",
        "AROAEICSIMULATOR00002:ci", "session-token-of-the-temporary-credentials");

    protected override SimulatorOptions Options() => base.Options() with { OtherCallers = [Temporary] };
}

/// <summary>Every request is SigV4-verified: wrong secret, unknown key, stale or future dates, wrong scopes and tampering are refused.</summary>
public sealed class SigV4Tests(SigV4Fixture fixture) : IClassFixture<SigV4Fixture>
{
    private const string DescribeInstances = "Action=DescribeInstances&Version=2016-11-15";

    private Simulator Sim => fixture.Simulator;

    private SignedRequestClient Client => fixture.InstanceConnect;

    private string ValidPush => Json(("InstanceId", Sim.Instance("web-1").InstanceId), ("InstanceOSUser", "ec2-user"),
        ("SSHPublicKey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKk2mZ8mVQ3x3CU7wsyH0YkuPmPIkYl9lYqC7T1eQm8E test@eic"));

    [Fact]
    public async Task A_correctly_signed_request_is_accepted_with_or_without_a_session_token()
    {
        var plain = await Client.SendJsonAsync("SendSSHPublicKey", ValidPush, new Signing(Sim.Caller));
        var temporary = await Client.SendJsonAsync("SendSSHPublicKey", ValidPush, new Signing(SigV4Fixture.Temporary));

        Assert.True(plain.Status == HttpStatusCode.OK, plain.Body);
        Assert.True(temporary.Status == HttpStatusCode.OK, temporary.Body);
    }

    [Theory]
    [InlineData("wrong secret", "InvalidSignatureException", "The request signature we calculated does not match")]
    [InlineData("unknown key", "UnrecognizedClientException", "The security token included in the request is invalid.")]
    [InlineData("wrong session token", "UnrecognizedClientException", "The security token included in the request is invalid.")]
    [InlineData("signed 6 minutes ago", "InvalidSignatureException", "Signature expired: ")]
    [InlineData("signed 6 minutes ahead", "InvalidSignatureException", "Signature not yet current: ")]
    [InlineData("scoped to ec2", "InvalidSignatureException", "Credential should be scoped to correct service: 'ec2-instance-connect'")]
    [InlineData("scoped to eu-west-1", "InvalidSignatureException", "Credential should be scoped to a valid region")]
    [InlineData("body changed after signing", "InvalidSignatureException", "")]
    [InlineData("not signed", "MissingAuthenticationTokenException", "Missing Authentication Token")]
    public async Task Instance_Connect_refuses_bad_signatures_with_its_own_errors(string problem, string errorType, string message)
    {
        var answer = await Client.SendJsonAsync("SendSSHPublicKey", ValidPush, Wrongly(problem));

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.Equal(errorType, answer.ErrorType);
        Assert.StartsWith("com.amazon.coral.service#", answer.Json.GetProperty("__type").GetString(), StringComparison.Ordinal);
        Assert.Contains(message, answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("signed 6 minutes ago", "RequestExpired", HttpStatusCode.BadRequest)]
    [InlineData("scoped to sts", "AuthFailure", HttpStatusCode.Unauthorized)]
    [InlineData("scoped to eu-west-1", "AuthFailure", HttpStatusCode.Unauthorized)]
    [InlineData("body changed after signing", "SignatureDoesNotMatch", HttpStatusCode.Forbidden)]
    [InlineData("not signed", "MissingAuthenticationToken", HttpStatusCode.Unauthorized)]
    public async Task EC2_refuses_bad_signatures_with_its_own_errors(string problem, string code, HttpStatusCode status)
    {
        var answer = await Client.SendQueryAsync("ec2", DescribeInstances, Wrongly(problem));

        Assert.Equal(status, answer.Status);
        Assert.Equal(code, answer.XmlErrorCode);
    }

    [Fact]
    public async Task The_EC2_client_with_a_wrong_secret_or_an_unknown_key_is_refused()
    {
        using var wrongSecret = new AmazonEC2Client(
            new BasicAWSCredentials(Sim.Caller.AccessKeyId, "not-the-secret"), new AmazonEC2Config { ServiceURL = Sim.Endpoint.ToString() });
        using var unknownKey = new AmazonEC2Client(
            new BasicAWSCredentials("AKIAUNKNOWNUNKNOWN00", "whatever"), new AmazonEC2Config { ServiceURL = Sim.Endpoint.ToString() });

        var mismatch = await Assert.ThrowsAsync<AmazonEC2Exception>(() => wrongSecret.DescribeInstancesAsync(new DescribeInstancesRequest()));
        var unknown = await Assert.ThrowsAsync<AmazonEC2Exception>(() => unknownKey.DescribeInstancesAsync(new DescribeInstancesRequest()));

        Assert.Equal("SignatureDoesNotMatch", mismatch.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, mismatch.StatusCode);
        Assert.Equal("AuthFailure", unknown.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task STS_says_who_signed_and_refuses_unknown_keys_and_wrong_secrets()
    {
        using var sts = fixture.Sts();
        using var temporary = fixture.Sts(SigV4Fixture.Temporary);
        using var unknownKey = new AmazonSecurityTokenServiceClient(
            new BasicAWSCredentials("AKIAUNKNOWNUNKNOWN00", "whatever"), new AmazonSecurityTokenServiceConfig { ServiceURL = Sim.Endpoint.ToString() });

        var me = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var role = await temporary.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        var unknown = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => unknownKey.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        var mismatch = await Client.SendQueryAsync("sts", "Action=GetCallerIdentity&Version=2011-06-15", Wrongly("wrong secret"));

        Assert.Equal((Sim.Caller.Arn, Sim.Caller.Account, Sim.Caller.UserId), (me.Arn, me.Account, me.UserId));
        Assert.Equal(SigV4Fixture.Temporary.Arn, role.Arn);
        Assert.Equal("InvalidClientTokenId", unknown.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
        Assert.Equal("SignatureDoesNotMatch", mismatch.XmlErrorCode);
    }

    private Signing Wrongly(string problem)
    {
        var signing = new Signing(Sim.Caller);
        return problem switch
        {
            "wrong secret" => signing with { SecretAccessKey = "not-the-secret-access-key" },
            "unknown key" => new Signing(Sim.Caller with { AccessKeyId = "AKIAUNKNOWNUNKNOWN00" }),
            "wrong session token" => new Signing(SigV4Fixture.Temporary with { SessionToken = "another-session-token" }),
            "signed 6 minutes ago" => signing with { SignedAt = DateTime.UtcNow.AddMinutes(-6) },
            "signed 6 minutes ahead" => signing with { SignedAt = DateTime.UtcNow.AddMinutes(6) },
            "scoped to ec2" => signing with { Service = "ec2" },
            "scoped to sts" => signing with { Service = "sts" },
            "scoped to eu-west-1" => signing with { Region = "eu-west-1" },
            "body changed after signing" => signing with { TamperedBody = "Action=DescribeInstances&Version=2016-11-15&DryRun=true" },
            "not signed" => signing with { Unsigned = true },
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
    }
}
