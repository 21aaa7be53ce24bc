using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.Runtime;
using EicAgent.Aws.Errors;
using EicAgent.Aws.SerialConsole;
using EicAgent.Aws.Targets;
using EicAgent.Cli.Doctor;
using EicAgent.Cli.Proxy;
using EicAgent.Connect.Tests.Fakes;

namespace EicAgent.Connect.Tests.Doctor;

/// <summary>`eic doctor TARGET --serial` against fake scopes and a real local TCP endpoint.</summary>
public sealed class SerialChecksTests : IDisposable
{
    private const string InstanceId = "i-0123456789abcdef0";
    private readonly FakeScope _scope = new FakeScopes().Scope;
    private readonly RecordedReport _report = new();
    private readonly TcpListener _endpoint = new(IPAddress.Loopback, 0);

    public SerialChecksTests()
    {
        _endpoint.Start();
        _scope.SerialConsoleEndpoint = () => ("serial-console.test", new SerialConsoleEndpoint("eu-west-1", "serial-console.test", "SHA256:x", null));
    }

    [Fact]
    public async Task An_enabled_account_a_nitro_type_a_push_and_an_ssh_endpoint_pass()
    {
        var answered = AnswerAsync("SSH-2.0-serial\r\n");

        await RunAsync();
        await answered;

        Assert.Equal(["instance", "serial console access", "instance type", "push permission", "serial console endpoint"], _report.Names);
        Assert.All(_report.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        Assert.Equal("serial-console.test port 22 answers SSH", _report["serial console endpoint"].Detail);
    }

    [Fact]
    public async Task Access_disabled_for_the_account_names_the_command_that_enables_it()
    {
        _scope.SerialAccess = () => false;

        await RunWithAnSshEndpointAsync();

        Assert.Equal("`aws ec2 enable-serial-console-access --region eu-west-1 --profile test` (needs ec2:EnableSerialConsoleAccess)",
            _report["serial console access"].Fix);
    }

    [Fact]
    public async Task A_xen_instance_type_names_a_nitro_type_to_change_to()
    {
        _scope.InstanceType = () => "m4.large";
        _scope.Hypervisor = _ => "xen";

        await RunWithAnSshEndpointAsync();

        Assert.StartsWith($"stop it, `aws ec2 modify-instance-attribute --instance-id {InstanceId} --instance-type t3.micro", _report["instance type"].Fix,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_push_names_the_serial_console_action()
    {
        _scope.Push = (_, _) => throw new EicAwsException(EicAwsErrorKind.AccessDenied, "not allowed");

        await RunWithAnSshEndpointAsync();

        Assert.Equal($"ask for ec2-instance-connect:SendSerialConsoleSSHPublicKey on {InstanceId}", _report["push permission"].Fix);
    }

    [Fact]
    public async Task A_push_refused_because_access_is_disabled_is_told_by_awss_error_code_not_as_a_missing_permission()
    {
        var disabled = new AmazonServiceException("disabled", null, ErrorType.Sender, "SerialConsoleAccessDisabledException", "r-1", HttpStatusCode.BadRequest);
        _scope.Push = (_, _) => throw new EicAwsException(EicAwsErrorKind.AccessDenied, "serial console access is disabled for the account", disabled);

        await RunWithAnSshEndpointAsync();

        Assert.Equal("see the message above", _report["push permission"].Fix);
    }

    [Fact]
    public async Task An_endpoint_that_answers_something_other_than_ssh_fails()
    {
        var answered = AnswerAsync("HTTP/1.1 400 Bad Request\r\n");

        await RunAsync();
        await answered;

        Assert.Equal("check for a proxy or firewall in the way", _report["serial console endpoint"].Fix);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_says_to_allow_outbound_port_22()
    {
        await RunAsync(connect: (_, _, _, _) => throw new TunnelException("connection refused"));

        Assert.Equal("serial-console.test port 22 does not answer: connection refused", _report["serial console endpoint"].Detail);
        Assert.Equal("allow outbound TCP 22 to it from this machine (firewall, proxy)", _report["serial console endpoint"].Fix);
    }

    public void Dispose() => _endpoint.Dispose();

    /// <summary>The checks, with the endpoint answering as SSH does (tests of the other checks need no 10 s wait for a banner).</summary>
    private Task RunWithAnSshEndpointAsync() => Task.WhenAll(RunAsync(), AnswerAsync("SSH-2.0-serial\r\n"));

    private Task RunAsync(SerialChecks.Connect? connect = null) =>
        SerialChecks.RunAsync(_scope, TargetSpec.Parse(InstanceId), connect ?? ConnectLocalAsync, _report, CancellationToken.None);

    private async Task<ITunnel> ConnectLocalAsync(string hostName, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Assert.Equal(("serial-console.test", 22), (hostName, port));
        var client = new TcpClient();
        await client.ConnectAsync((IPEndPoint)_endpoint.LocalEndpoint, cancellationToken);
        return new TcpClientTunnel(client);
    }

    private async Task AnswerAsync(string line)
    {
        using var accepted = await _endpoint.AcceptTcpClientAsync();
        await accepted.GetStream().WriteAsync(Encoding.ASCII.GetBytes(line));
    }
}
