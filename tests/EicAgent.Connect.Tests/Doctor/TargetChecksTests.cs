using EicAgent.Aws.Diagnostics;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Instances;
using EicAgent.Aws.Paths;
using EicAgent.Aws.Targets;
using EicAgent.Aws.Tunnels;
using EicAgent.Cli.Doctor;
using EicAgent.Connect.Tests.Fakes;

namespace EicAgent.Connect.Tests.Doctor;

/// <summary>`eic doctor TARGET`'s instance-side checks against fake scopes: each check's pass, and its failure with the fix it prints.</summary>
public sealed class TargetChecksTests
{
    private const string InstanceId = "i-0123456789abcdef0";
    private readonly FakeScope _scope = new FakeScopes().Scope;
    private readonly RecordedReport _report = new();

    [Fact]
    public async Task A_running_instance_with_a_public_address_and_open_port_passes_every_check()
    {
        await RunAsync(InstanceId);

        Assert.Equal(["instance", "path", "security groups", "push permission", "host keys"], _report.Names);
        Assert.All(_report.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        Assert.Equal($"{InstanceId} (web) is running in eu-west-1a", _report["instance"].Detail);
        Assert.Equal("direct to its public address 203.0.113.1, port 22", _report["path"].Detail);
        Assert.StartsWith("sg-0web (web) allows tcp 22 from 0.0.0.0/0", _report["security groups"].Detail, StringComparison.Ordinal);
        Assert.Contains("ssh-ed25519 ", Assert.Single(_scope.PushedKeys), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stopped_instance_found_by_name_names_its_id_in_the_start_command_from_the_error_data()
    {
        _scope.Resolve = _ => throw new EicAwsException(EicAwsErrorKind.NotRunning, "web is stopped") { InstanceId = "i-0stopped" };

        await RunAsync("web.eic");

        var instance = Assert.Single(_report.Checks);
        Assert.False(instance.Passed);
        Assert.Equal("start it: `aws ec2 start-instances --instance-ids i-0stopped --region eu-west-1 --profile test`", instance.Fix);
    }

    [Fact]
    public async Task A_name_that_matches_nothing_says_how_to_list_instances()
    {
        _scope.Resolve = _ => throw new EicAwsException(EicAwsErrorKind.NotFound, "no running instance named web");

        await RunAsync("web.eic");

        Assert.StartsWith("check the name with `aws ec2 describe-instances --region eu-west-1 --profile test`", _report["instance"].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_address_endpoint_or_session_manager_the_path_fix_names_the_subnet_and_the_ssm_agent_fails_too()
    {
        _scope.Resolve = _ => Private();
        _scope.PingStatus = _ => null;

        await RunAsync(InstanceId);

        Assert.False(_report["path"].Passed);
        Assert.StartsWith("create an endpoint: `aws ec2 create-instance-connect-endpoint --subnet-id subnet-b --region eu-west-1 --profile test`",
            _report["path"].Fix, StringComparison.Ordinal);
        Assert.False(_report["ssm agent"].Passed);
        Assert.Contains("AmazonSSMManagedInstanceCore", _report["ssm agent"].Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("ssm session", _report.Names);
        Assert.DoesNotContain("DescribeSecurityGroups", _scope.DoctorCalls);
    }

    [Fact]
    public async Task The_endpoint_in_the_instances_subnet_is_the_path_and_the_security_groups_are_judged_against_it()
    {
        _scope.Resolve = _ => Private();
        _scope.Endpoints.AddRange([Endpoint("eice-0a", "subnet-a", "sg-a"), Endpoint("eice-0b", "subnet-b", "sg-b", "update-in-progress")]);
        _scope.SecurityGroups = () => [new SecurityGroup("sg-0web", null, [new InboundRule("tcp", 22, 22, [], ["sg-b"])])];

        await RunAsync(InstanceId);

        Assert.Equal("no public address; EC2 Instance Connect Endpoint eice-0b in vpc-1", _report["path"].Detail);
        Assert.True(_report["security groups"].Passed, _report["security groups"].Detail);
    }

    [Fact]
    public async Task Security_groups_that_do_not_let_the_endpoint_in_name_the_ingress_rule_to_add()
    {
        _scope.Resolve = _ => Private();
        _scope.Endpoints.Add(Endpoint("eice-0b", "subnet-b", "sg-b"));
        _scope.SecurityGroups = () => [new SecurityGroup("sg-0web", null, [new InboundRule("tcp", 22, 22, [], ["sg-other"])])];

        await RunAsync(InstanceId);

        var groups = _report["security groups"];
        Assert.False(groups.Passed);
        Assert.Equal("let the endpoint eice-0b in: `aws ec2 authorize-security-group-ingress --group-id sg-0web --protocol tcp --port 22 "
            + "--source-group sg-b --region eu-west-1 --profile test`", groups.Fix);
    }

    [Fact]
    public async Task A_direct_path_closed_to_the_world_says_to_let_your_address_in()
    {
        _scope.SecurityGroups = () => [new SecurityGroup("sg-0web", "web", [new InboundRule("tcp", 443, 443, ["0.0.0.0/0"], [])])];

        await RunAsync(InstanceId);

        Assert.Contains("--cidr YOUR.PUBLIC.IP/32", _report["security groups"].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Security_groups_that_cannot_be_read_name_the_permission()
    {
        _scope.SecurityGroups = () => throw new EicAwsException(EicAwsErrorKind.AccessDenied, "not allowed to DescribeSecurityGroups");

        await RunAsync(InstanceId);

        Assert.Equal("ask your AWS administrator for ec2:DescribeSecurityGroups", _report["security groups"].Fix);
    }

    [Fact]
    public async Task A_refused_push_names_the_action_the_instance_and_the_os_user()
    {
        _scope.Push = (_, _) => throw new EicAwsException(EicAwsErrorKind.AccessDenied, "not allowed to push");

        await RunAsync(InstanceId, user: "admin");

        Assert.Equal($"ask for ec2-instance-connect:SendSSHPublicKey on {InstanceId} with condition ec2:osuser = admin, or log in as another user (USER@HOST)",
            _report["push permission"].Fix);
        Assert.True(_report["host keys"].Passed);
    }

    [Fact]
    public async Task A_console_without_host_keys_says_how_to_check_the_key_by_hand()
    {
        _scope.ConsoleHostKeys = () => false;

        await RunAsync(InstanceId);

        Assert.False(_report["host keys"].Passed);
        Assert.Contains("ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub", _report["host keys"].Fix, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Via_ssm_checks_session_manager_and_no_security_group_even_with_a_public_address()
    {
        await RunAsync(InstanceId, NetworkPath.Ssm, port: 2222);

        Assert.Equal(["instance", "path", "ssm agent", "ssm session", "push permission", "host keys"], _report.Names);
        Assert.All(_report.Checks, check => Assert.True(check.Passed, $"{check.Name}: {check.Detail}"));
        Assert.Equal("StartSession with AWS-StartSSHSession to port 2222 works (session s-0abc, ended again)", _report["ssm session"].Detail);
        Assert.DoesNotContain("DescribeSecurityGroups", _scope.DoctorCalls);
    }

    [Fact]
    public async Task An_ssm_agent_that_lost_its_connection_names_the_restart_and_starts_no_session()
    {
        _scope.PingStatus = _ => "ConnectionLost";

        await RunAsync(InstanceId, NetworkPath.Ssm);

        Assert.Contains("sudo systemctl restart amazon-ssm-agent", _report["ssm agent"].Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("StartSession", _scope.DoctorCalls);
    }

    [Fact]
    public async Task A_refused_session_names_ssm_start_session_and_the_document()
    {
        _scope.StartSession = _ => throw new EicAwsException(EicAwsErrorKind.AccessDenied, "not allowed to StartSession");

        await RunAsync(InstanceId, NetworkPath.Ssm);

        Assert.Equal($"ask your AWS administrator for ssm:StartSession on {InstanceId} and on the document AWS-StartSSHSession", _report["ssm session"].Fix);
    }

    [Fact]
    public async Task A_session_that_cannot_be_ended_names_ssm_terminate_session()
    {
        _scope.TerminateSession = _ => throw new EicAwsException(EicAwsErrorKind.AccessDenied, "not allowed to TerminateSession");

        await RunAsync(InstanceId, NetworkPath.Ssm);

        Assert.StartsWith("started session s-0abc, but could not end it", _report["ssm session"].Detail, StringComparison.Ordinal);
        Assert.StartsWith("ask your AWS administrator for ssm:TerminateSession", _report["ssm session"].Fix, StringComparison.Ordinal);
    }

    private Task RunAsync(string host, NetworkPath via = NetworkPath.Auto, string user = "ec2-user", int port = 22) =>
        TargetChecks.RunAsync(_scope, TargetSpec.Parse(host), user, port, via, _report, CancellationToken.None);

    private static Ec2Instance Private() => new()
    {
        InstanceId = InstanceId,
        State = Ec2InstanceState.Running,
        AvailabilityZone = "eu-west-1b",
        VpcId = "vpc-1",
        SubnetId = "subnet-b",
        PrivateIpAddress = "10.0.1.5",
        SecurityGroupIds = ["sg-0web"],
    };

    private static ConnectEndpoint Endpoint(string id, string subnet, string group, string state = "create-complete") =>
        new(id, "vpc-1", subnet, state, $"{id}.ec2-instance-connect-endpoint.eu-west-1.amazonaws.com", null) { SecurityGroupIds = [group] };
}
