using Amazon.EC2.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EicAgent.Simulator.Sts;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>STS AssumeRole through the real SDK: temporary credentials that EC2 accepts, MFA codes checked as AWS does.</summary>
public sealed class StsAssumeRoleTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Role = "arn:aws:iam::123456789012:role/admin";
    private const string Serial = "arn:aws:iam::123456789012:mfa/alice";

    [Fact]
    public async Task The_right_MFA_code_gives_credentials_that_EC2_accepts_until_they_expire()
    {
        using var sts = fixture.Sts();
        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = Role, RoleSessionName = "alice", SerialNumber = Serial, TokenCode = SimulatedMfa.CodeFor(Serial), DurationSeconds = 900,
        });
        var role = new SimulatedCaller(assumed.Credentials.AccessKeyId, assumed.Credentials.SecretAccessKey, "", "", assumed.Credentials.SessionToken);

        using var ec2 = fixture.Ec2(role);
        var instances = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
        using var asRole = fixture.Sts(role);
        var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.NotEmpty(instances.Reservations);
        Assert.Equal("arn:aws:sts::123456789012:assumed-role/admin/alice", identity.Arn);
        Assert.Equal(assumed.AssumedRoleUser.Arn, identity.Arn);

        // Back again after: the other tests of this class sign with the real time.
        fixture.Clock.Advance(TimeSpan.FromSeconds(901));
        try
        {
            var expired = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
            Assert.Equal(("ExpiredToken", "The security token included in the request is expired"), (expired.ErrorCode, expired.Message));
        }
        finally
        {
            fixture.Clock.Advance(TimeSpan.FromSeconds(-901));
        }
    }

    [Theory]
    [InlineData("000000", "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code.")]
    [InlineData(null, "AccessDenied", "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code.")]
    [InlineData("12ab56", "ValidationError", "at 'tokenCode' failed to satisfy constraint")]
    public async Task A_wrong_or_missing_MFA_code_is_refused_with_AWS_error(string? code, string errorCode, string message)
    {
        using var sts = fixture.Sts();
        if (code == SimulatedMfa.CodeFor(Serial))
        {
            code = "111111";
        }

        var error = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = Role, RoleSessionName = "alice", SerialNumber = Serial, TokenCode = code,
        }));

        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_serial_number_has_its_own_fixed_six_digit_code()
    {
        Assert.Matches("^[0-9]{6}$", SimulatedMfa.CodeFor(Serial));
        Assert.Equal(SimulatedMfa.CodeFor(Serial), SimulatedMfa.CodeFor(Serial));
        Assert.NotEqual(SimulatedMfa.CodeFor(Serial), SimulatedMfa.CodeFor(Serial + "2"));
    }
}
