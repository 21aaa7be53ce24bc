using System.Net;
using Xunit;
using static EicAgent.Simulator.Tests.SignedRequestClient;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// The EC2 Instance Connect JSON API driven by requests the SDK's SigV4 signer signs: answers, and the modelled
/// error for every kind of invalid input.
/// </summary>
public sealed class InstanceConnectApiTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private const string Push = "SendSSHPublicKey";
    private const string SerialPush = "SendSerialConsoleSSHPublicKey";

    private Simulator Sim => fixture.Simulator;

    private string Web1 => Sim.Instance("web-1").InstanceId;

    [Fact]
    public async Task A_valid_push_answers_a_request_id_and_success()
    {
        using var key = await SshClientKey.CreateAsync();

        var answer = await fixture.InstanceConnect.SendSshPublicKeyAsync(Web1, "ec2-user", key.PublicKey, Sim.Caller);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.True(answer.Json.GetProperty("Success").GetBoolean());
        Assert.True(Guid.TryParse(answer.Json.GetProperty("RequestId").GetString(), out _));
    }

    [Theory]
    [InlineData("InstanceId", null, "Member must not be null")]
    [InlineData("InstanceId", "i-0a1b2c3", "Member must have length greater than or equal to 10")]
    [InlineData("InstanceId", "i-0a1b2c3d4e5f00001000000000000001", "Member must have length less than or equal to 32")]
    [InlineData("InstanceId", "i-0A1B2C3D4E5F00001", "Member must satisfy regular expression pattern: ^i-[a-f0-9]+$")]
    [InlineData("InstanceId", "x-0a1b2c3d4e5f00001", "Member must satisfy regular expression pattern")]
    [InlineData("InstanceOSUser", null, "Member must not be null")]
    [InlineData("InstanceOSUser", "", "Member must have length greater than or equal to 1")]
    [InlineData("InstanceOSUser", "a-user-name-longer-than-32-chars!", "Member must have length less than or equal to 32")]
    [InlineData("InstanceOSUser", "ec2 user", "Member must satisfy regular expression pattern")]
    [InlineData("InstanceOSUser", "-dash", "Member must satisfy regular expression pattern")]
    [InlineData("InstanceOSUser", "us$er", "Member must satisfy regular expression pattern")]
    [InlineData("SSHPublicKey", null, "Member must not be null")]
    [InlineData("SSHPublicKey", "ssh-ed25519 AAAA", "Member must have length greater than or equal to 80")]
    [InlineData("AvailabilityZone", "us-1", "Member must have length greater than or equal to 6")]
    [InlineData("AvailabilityZone", "useast1a", "Member must satisfy regular expression pattern")]
    public async Task Each_invalid_field_is_refused_as_the_model_says(string field, string? value, string expected)
    {
        using var key = await SshClientKey.CreateAsync();
        var members = new Dictionary<string, object?>
        {
            ["InstanceId"] = Web1,
            ["InstanceOSUser"] = "ec2-user",
            ["SSHPublicKey"] = key.PublicKey,
        };
        if (value is null)
        {
            members.Remove(field);
        }
        else
        {
            members[field] = value;
        }

        var answer = await fixture.InstanceConnect.SendAsync(Push, Json([.. members.Select(m => (m.Key, m.Value))]), Sim.Caller);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("com.amazonaws.ec2.instanceconnect#InvalidArgsException", answer.Json.GetProperty("__type").GetString());
        Assert.Matches("^[12] validation errors? detected: Value ", answer.Message);
        Assert.Contains(expected, answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ec2-user")]
    [InlineData("_svc")]
    [InlineData("admin$")]
    [InlineData("a.b@c-d")]
    [InlineData("1user")]
    public async Task User_names_the_model_allows_are_accepted(string user)
    {
        using var key = await SshClientKey.CreateAsync();

        var answer = await fixture.InstanceConnect.SendSshPublicKeyAsync(Web1, user, key.PublicKey, Sim.Caller);

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
    }

    [Fact]
    public async Task Several_invalid_fields_are_reported_together()
    {
        var answer = await fixture.InstanceConnect.SendAsync(Push, Json(("InstanceId", "bad"), ("InstanceOSUser", "")), Sim.Caller);

        Assert.Equal("InvalidArgsException", answer.ErrorType);
        // InstanceId: too short and not the pattern; InstanceOSUser: empty and not the pattern; SSHPublicKey: missing.
        Assert.StartsWith("5 validation errors detected: ", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ecdsa", 256)]
    [InlineData("rsa", 1024)]
    [InlineData("dsa", 1024)]
    public async Task Key_types_EC2_Instance_Connect_does_not_accept_are_invalid_arguments(string type, int bits)
    {
        using var key = await SshClientKey.CreateAsync(type, bits);

        var answer = await fixture.InstanceConnect.SendSshPublicKeyAsync(Web1, "ec2-user", key.PublicKey, Sim.Caller);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("InvalidArgsException", answer.ErrorType);
    }

    [Fact]
    public async Task An_RSA_key_of_2048_bits_is_accepted()
    {
        using var key = await SshClientKey.CreateAsync("rsa", 2048);

        var answer = await fixture.InstanceConnect.SendSshPublicKeyAsync(Web1, "ec2-user", key.PublicKey, Sim.Caller);

        Assert.True(answer.Status == HttpStatusCode.OK, answer.Body);
    }

    [Theory]
    [InlineData("ssh-ed25519 not!base64!at!all!not!base64!at!all!not!base64!at!all!not!base64!at!all!!")]
    [InlineData("ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIKk2mZ8mVQ3x3CU7wsyH0YkuPmPIkYl9lYqC7T1eQm8E a key that says it is rsa")]
    [InlineData("sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIKk2mZ8mVQ3x3CU7wsyH0YkuPmPI")]
    public async Task A_key_that_does_not_parse_as_an_accepted_type_is_an_invalid_argument(string publicKey)
    {
        var answer = await fixture.InstanceConnect.SendSshPublicKeyAsync(Web1, "ec2-user", publicKey, Sim.Caller);

        Assert.Equal("InvalidArgsException", answer.ErrorType);
    }

    [Fact]
    public async Task Unknown_instances_are_not_found_and_stopped_ones_are_in_an_invalid_state()
    {
        using var key = await SshClientKey.CreateAsync();

        var unknown = await fixture.InstanceConnect.SendSshPublicKeyAsync("i-0123456789abcdef0", "ec2-user", key.PublicKey, Sim.Caller);
        var stopped = await fixture.InstanceConnect.SendSshPublicKeyAsync(Sim.Instance("stopped-1").InstanceId, "ec2-user", key.PublicKey, Sim.Caller);

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("com.amazonaws.ec2.instanceconnect#EC2InstanceNotFoundException", unknown.Json.GetProperty("__type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, stopped.Status);
        Assert.Equal("EC2InstanceStateInvalidException", stopped.ErrorType);
    }

    [Fact]
    public async Task The_availability_zone_must_be_the_instances_own_when_given()
    {
        using var key = await SshClientKey.CreateAsync();

        var right = await fixture.InstanceConnect.SendAsync(Push, Body(key, ("AvailabilityZone", "us-east-1a")), Sim.Caller);
        var wrong = await fixture.InstanceConnect.SendAsync(Push, Body(key, ("AvailabilityZone", "us-east-1b")), Sim.Caller);

        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Equal("InvalidArgsException", wrong.ErrorType);
    }

    [Fact]
    public async Task The_serial_console_push_is_validated_with_port_0_only()
    {
        using var key = await SshClientKey.CreateAsync();
        fixture.Simulator.SerialConsole.AccessEnabled = true;

        var port0 = await fixture.InstanceConnect.SendAsync(SerialPush, Json(("InstanceId", Web1), ("SSHPublicKey", key.PublicKey), ("SerialPort", 0)), Sim.Caller);
        var port1 = await fixture.InstanceConnect.SendAsync(SerialPush, Json(("InstanceId", Web1), ("SSHPublicKey", key.PublicKey), ("SerialPort", 1)), Sim.Caller);

        Assert.Equal(HttpStatusCode.OK, port0.Status);
        Assert.True(port0.Json.GetProperty("Success").GetBoolean());
        Assert.Equal("InvalidArgsException", port1.ErrorType);
        Assert.Contains("Member must have value less than or equal to 0", port1.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_bodies_and_unknown_operations_get_the_frameworks_errors()
    {
        var notJson = await fixture.InstanceConnect.SendAsync(Push, "{not json", Sim.Caller);
        var wrongType = await fixture.InstanceConnect.SendAsync(Push, Json(("InstanceId", 42)), Sim.Caller);
        var unknown = await fixture.InstanceConnect.SendAsync("OpenTheDoor", "{}", Sim.Caller);

        Assert.Equal("SerializationException", notJson.ErrorType);
        Assert.Equal("SerializationException", wrongType.ErrorType);
        Assert.Equal("UnknownOperationException", unknown.ErrorType);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
    }

    private string Body(SshClientKey key, params (string Name, object? Value)[] more) =>
        Json([("InstanceId", Web1), ("InstanceOSUser", "ec2-user"), ("SSHPublicKey", key.PublicKey), .. more]);
}
