using System.Text.Json;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Scopes;
using EicAgent.Aws.Tests.Fakes;

namespace EicAgent.Aws.Tests;

/// <summary>Our EC2 Instance Connect client on the wire, reached only through AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class InstanceConnectWireTests
{
    internal const string PublicKey =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl eic-test-key-for-the-wire-tests";

    internal static readonly Ec2Instance Instance = new()
    {
        InstanceId = "i-0123456789abcdef0",
        State = Ec2InstanceState.Running,
        AvailabilityZone = "eu-west-1b",
        OwnerAccountId = "123456789012",
    };

    [Fact]
    public async Task SendSshPublicKey_is_a_signed_json_1_1_post_with_the_modelled_body()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("eu-west-1");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(
            _ => FakeResponse.Json(200, """{"RequestId":"5b2c1d0e-aaaa-bbbb-cccc-0123456789ab","Success":true}"""));
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", endpoint.Url.ToString());

        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);
        var result = await scope.PushKeyAsync(Instance, "ec2-user", PublicKey, CancellationToken.None);

        Assert.Equal(new KeyPushResultView("5b2c1d0e-aaaa-bbbb-cccc-0123456789ab", true), new KeyPushResultView(result.RequestId, result.Success));
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("AWSEC2InstanceConnectService.SendSSHPublicKey", request.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.1", request.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Matches(
            @"^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\d{8}/eu-west-1/ec2-instance-connect/aws4_request, SignedHeaders=[^,]*x-amz-target[^,]*, Signature=[0-9a-f]{64}$",
            request.Header("Authorization"));

        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(
            ["InstanceId=i-0123456789abcdef0", "InstanceOSUser=ec2-user", $"SSHPublicKey={PublicKey}", "AvailabilityZone=eu-west-1b"],
            body.RootElement.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}"));
    }

    [Fact]
    public async Task SendSerialConsoleSshPublicKey_sends_the_serial_port_and_no_user()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("us-east-2");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(200, """{"RequestId":"r-1","Success":true}"""));
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", endpoint.Url.ToString());

        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);
        var result = await scope.PushSerialConsoleKeyAsync(Instance, PublicKey, 0, CancellationToken.None);

        Assert.True(result.Success);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("AWSEC2InstanceConnectService.SendSerialConsoleSSHPublicKey", request.Header("X-Amz-Target"));
        Assert.Contains("/us-east-2/ec2-instance-connect/aws4_request", request.Header("Authorization"), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(0, body.RootElement.GetProperty("SerialPort").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("InstanceOSUser", out _));
    }

    [Theory]
    [InlineData(403, """{"__type":"com.amazon.ec2instanceconnect#AuthException","Message":"User is not authorized"}""", EicAwsErrorKind.AccessDenied,
        "the caller needs ec2-instance-connect:SendSSHPublicKey on arn:aws:ec2:eu-west-1:123456789012:instance/i-0123456789abcdef0 with condition ec2:osuser = ec2-user")]
    [InlineData(403, """{"__type":"AuthException","Message":"User is not authorized"}""", EicAwsErrorKind.AccessDenied, "ec2:osuser = ec2-user")]
    [InlineData(403, "<html>Forbidden</html>", EicAwsErrorKind.AccessDenied, "ec2-instance-connect:SendSSHPublicKey")]
    [InlineData(404, """{"__type":"EC2InstanceNotFoundException","Message":"not found"}""", EicAwsErrorKind.NotFound,
        "instance i-0123456789abcdef0 not found in eu-west-1")]
    [InlineData(404, "", EicAwsErrorKind.NotFound, "instance i-0123456789abcdef0 not found")]
    [InlineData(400, """{"__type":"aws.ec2instanceconnect#EC2InstanceStateInvalidException","Message":"stopped"}""", EicAwsErrorKind.NotRunning,
        "is not running")]
    [InlineData(400, """{"__type":"InvalidArgsException","Message":"Invalid OS user"}""", EicAwsErrorKind.InvalidInput,
        "AWS rejected the SendSSHPublicKey request: Invalid OS user")]
    [InlineData(400, """{"__type":"SerialConsoleAccessDisabledException","Message":"disabled"}""", EicAwsErrorKind.AccessDenied,
        "aws ec2 enable-serial-console-access --region eu-west-1")]
    public async Task Each_error_shape_becomes_its_one_line_message(int status, string body, EicAwsErrorKind kind, string expected)
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("eu-west-1");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => FakeResponse.Json(status, body));
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", endpoint.Url.ToString());
        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<EicAwsException>(() => scope.PushKeyAsync(Instance, "ec2-user", PublicKey, CancellationToken.None));

        Assert.Equal(kind, error.Kind);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Single(endpoint.Requests);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(400)]
    public async Task Throttling_is_retried_by_the_sdk_then_reported(int status)
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("eu-west-1");
        await using var endpoint = await FakeAwsEndpoint.StartAsync(
            _ => FakeResponse.Json(status, """{"__type":"ThrottlingException","Message":"Server is busy! Please retry after a moment."}"""));
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", endpoint.Url.ToString());
        using var scopes = new AwsScopes(new AwsSettings { MaxErrorRetry = 2 });
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var error = await Assert.ThrowsAsync<EicAwsException>(() => scope.PushKeyAsync(Instance, "ec2-user", PublicKey, CancellationToken.None));

        Assert.Equal(EicAwsErrorKind.Throttled, error.Kind);
        Assert.Equal("AWS throttled SendSSHPublicKey in eu-west-1 even after retries; wait a moment and try again", error.Message);
        Assert.Equal(3, endpoint.Requests.Count);
    }

    [Fact]
    public async Task A_throttled_push_that_then_succeeds_returns_the_result()
    {
        using var environment = new EnvironmentScope();
        environment.UseStaticKeys("eu-west-1");
        var calls = 0;
        await using var endpoint = await FakeAwsEndpoint.StartAsync(_ => Interlocked.Increment(ref calls) == 1
            ? FakeResponse.Json(429, """{"__type":"ThrottlingException","Message":"busy"}""")
            : FakeResponse.Json(200, """{"RequestId":"r-2","Success":true}"""));
        environment.Set("AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT", endpoint.Url.ToString());
        using var scopes = new AwsScopes();
        var scope = await scopes.GetAsync(profile: null, region: null, CancellationToken.None);

        var result = await scope.PushKeyAsync(Instance, "ec2-user", PublicKey, CancellationToken.None);

        Assert.Equal("r-2", result.RequestId);
        Assert.Equal(2, endpoint.Requests.Count);
    }

    private sealed record KeyPushResultView(string? RequestId, bool Success);
}
