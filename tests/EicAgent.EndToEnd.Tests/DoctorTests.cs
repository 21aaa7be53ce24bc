using EicAgent.Simulator;
using EicAgent.Simulator.Fleet;
using EicAgent.Simulator.Policy;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>`eic doctor` against the simulator: each check passing, and each failing with its fix and exit code 1.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class DoctorTests(EicWorld world)
{
    [Fact]
    public async Task Every_check_passes_for_a_reachable_instance_and_the_exit_code_is_0()
    {
        var result = await DoctorAsync(["web-1.eic"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var check in new[] { "ssh", "ssh config", "agent", "region", "credentials", "instance", "path", "security groups", "push permission", "host keys" })
        {
            Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith($"ok   {check}: ", StringComparison.Ordinal));
        }

        Assert.Contains(world.Sim.Instance("web-1").InstanceId, result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("throwaway", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("arn:aws:", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("FAIL", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_without_a_public_address_is_reached_through_the_endpoint_in_its_vpc()
    {
        var result = await DoctorAsync(["db-1.eic"]);

        Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith("ok   path: no public address; EC2 Instance Connect Endpoint eice-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_public_instances_security_group_lets_port_22_in_from_anywhere()
    {
        var result = await DoctorAsync(["ec2-user@web-1.eic"]);

        Assert.Contains("ok   security groups: sg-0a1b2c3d4e5f6a101 (ssh-anywhere) allows tcp 22 from 0.0.0.0/0\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(Array.IndexOf(DoctorOutput.Lines(result), DoctorOutput.Lines(result).Single(l => l.StartsWith("ok   path: ", StringComparison.Ordinal))) + 1
            == Array.FindIndex(DoctorOutput.Lines(result), l => l.StartsWith("ok   security groups: ", StringComparison.Ordinal)), "right after the path check");
    }

    [Fact]
    public async Task A_private_instances_security_group_lets_port_22_in_from_its_endpoints_group()
    {
        var endpointGroup = world.Sim.ConnectEndpoints.Single(e => e.VpcId == world.Sim.Instance("db-1").Definition.VpcId).SecurityGroupIds[0];

        var result = await DoctorAsync(["ec2-user@db-1.eic"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"ok   security groups: sg-0a1b2c3d4e5f6c101 (db-ssh-from-eice) allows tcp 22 from the endpoint's security group {endpointGroup}\n",
            result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_security_group_without_port_22_fails_with_the_rule_to_add()
    {
        // A second AWS whose web-1 is in a group that lets only https in: ssh to it would time out.
        const string WebOnly = "sg-0b10c4ed00000022";
        var web1 = FleetDefinition.Default.Instances.Single(i => i.Name == "web-1") with { SecurityGroupIds = [WebOnly] };
        var httpsOnly = new SecurityGroupDefinition
        {
            GroupId = WebOnly, GroupName = "https-only", VpcId = web1.VpcId,
            Inbound = [new InboundRule { FromPort = 443, ToPort = 443, Cidrs = ["0.0.0.0/0"] }],
        };
        await using var closedAws = await Simulator.Simulator.StartAsync(new SimulatorOptions
        {
            Fleet = new FleetDefinition([web1], []) { SecurityGroups = [httpsOnly] },
        });

        var result = await DoctorAsync(["ec2-user@web-1.eic"], environment: closedAws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"FAIL security groups: no inbound rule of {WebOnly} (https-only) allows tcp 22: connections time out\n",
            result.StandardOutput, StringComparison.Ordinal);
        DoctorOutput.AssertFailure(result, "security groups",
            $"`aws ec2 authorize-security-group-ingress --group-id {WebOnly} --protocol tcp --port 22 --cidr YOUR.PUBLIC.IP/32");
    }

    [SkippableFact]
    public async Task At_a_terminal_checks_are_marked_with_ticks_and_crosses()
    {
        Skip.IfNot(File.Exists("/usr/bin/script"), "needs util-linux script for a terminal");
        var doctor = $"{EicWorld.EicPath} doctor --socket {world.Directory}/nobody.sock --ssh-config {world.ConfigPath}";

        var result = await world.RunAsync("/usr/bin/script", ["-q", "-e", "-c", doctor, "/dev/null"], standardInput: "");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✓ ssh config: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("✗ agent: ", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_agent_on_the_socket_fails_with_how_to_start_one()
    {
        var result = await DoctorAsync([], socket: world.Directory + "/nobody.sock");

        Assert.Equal(1, result.ExitCode);
        DoctorOutput.AssertFailure(result, "agent", "eic agent");
    }

    [Fact]
    public async Task No_credentials_fail_with_how_to_configure_them()
    {
        var result = await DoctorAsync(["web-1.eic"], environment: new Dictionary<string, string?>
        {
            ["AWS_ACCESS_KEY_ID"] = null,
            ["AWS_SECRET_ACCESS_KEY"] = null,
            ["AWS_SESSION_TOKEN"] = null,
        });

        Assert.Equal(1, result.ExitCode);
        DoctorOutput.AssertFailure(result, "credentials", "aws configure");
    }

    [Fact]
    public async Task An_unknown_target_fails_the_instance_check()
    {
        var result = await DoctorAsync(["no-such-host.eic"]);

        Assert.Equal(1, result.ExitCode);
        DoctorOutput.AssertFailure(result, "instance", "describe-instances");
    }

    [Fact]
    public async Task A_stopped_instance_fails_with_the_command_that_starts_it()
    {
        var result = await DoctorAsync(["stopped-1.eic"]);

        Assert.Equal(1, result.ExitCode);
        DoctorOutput.AssertFailure(result, "instance", $"start-instances --instance-ids {world.Sim.Instance("stopped-1").InstanceId}");
    }

    [Fact]
    public async Task A_push_IAM_denies_fails_the_push_check_with_the_permission_to_ask_for()
    {
        var result = await DoctorAsync([$"{EicWorld.DeniedUser}@web-1.eic"]);

        Assert.Equal(1, result.ExitCode);
        DoctorOutput.AssertFailure(result, "push permission", $"ec2:osuser = {EicWorld.DeniedUser}");
    }

    [Fact]
    public async Task An_ssh_config_without_our_block_fails_with_the_include_line_to_add()
    {
        var empty = Path.Combine(world.Directory, "ssh_config.empty");
        await File.WriteAllTextAsync(empty, "Host other\n    User nobody\n");

        var result = await DoctorAsync([], sshConfig: empty);

        Assert.Equal(1, result.ExitCode);
        DoctorOutput.AssertFailure(result, "ssh config", "Include ~/.ssh/eic_config");
    }

    [Fact]
    public async Task A_private_instances_group_closed_to_its_endpoint_fails_with_the_source_group_to_allow()
    {
        // A second AWS whose db-1 is in a group without rules: the endpoint's tunnel to port 22 would time out.
        const string Closed = "sg-0c105ed000000016";
        var db1 = FleetDefinition.Default.Instances.Single(i => i.Name == "db-1") with { SecurityGroupIds = [Closed] };
        var endpoint = FleetDefinition.Default.ConnectEndpoints.Single(e => e.VpcId == db1.VpcId);
        await using var closedAws = await Simulator.Simulator.StartAsync(new SimulatorOptions
        {
            Fleet = new FleetDefinition([db1], [endpoint])
            {
                SecurityGroups = [new SecurityGroupDefinition { GroupId = Closed, GroupName = "closed", VpcId = db1.VpcId }],
            },
        });

        var result = await DoctorAsync(["db-1.eic"], environment: closedAws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"FAIL security groups: no inbound rule of {Closed} (closed) allows tcp 22", result.StandardOutput, StringComparison.Ordinal);
        DoctorOutput.AssertFailure(result, "security groups",
            $"authorize-security-group-ingress --group-id {Closed} --protocol tcp --port 22 --source-group {endpoint.SecurityGroupIds[0]}");
    }

    [Fact]
    public async Task Security_groups_IAM_does_not_let_you_read_fail_naming_the_permission()
    {
        var policy = Path.Combine(world.Directory, "policy-without-security-groups.json");
        await File.WriteAllTextAsync(policy, """
            { "allow": [ { "action": ["ec2:DescribeInstances", "ec2:DescribeInstanceConnectEndpoints", "ec2:GetConsoleOutput", "ec2-instance-connect:*"] } ] }
            """);
        await using var strictAws = await Simulator.Simulator.StartAsync(new SimulatorOptions
        {
            Fleet = new FleetDefinition([FleetDefinition.Default.Instances.Single(i => i.Name == "web-1")], [])
            {
                SecurityGroups = FleetDefinition.Default.SecurityGroups,
            },
            Policy = AccessPolicy.Load(policy),
        });

        var result = await DoctorAsync(["web-1.eic"], environment: strictAws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL security groups: access denied: the caller needs ec2:DescribeSecurityGroups", result.StandardOutput, StringComparison.Ordinal);
        DoctorOutput.AssertFailure(result, "security groups", "ask your AWS administrator for ec2:DescribeSecurityGroups");
        Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith("ok   push permission: ", StringComparison.Ordinal));
    }

    private Task<ProcessResult> DoctorAsync(
        string[] arguments, string? socket = null, string? sshConfig = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        world.RunAsync(EicWorld.EicPath,
            ["doctor", "--socket", socket ?? world.SocketPath, "--ssh-config", sshConfig ?? world.ConfigPath, .. arguments],
            extraEnvironment: environment);
}
