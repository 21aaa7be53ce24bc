using System.Security.Cryptography;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// db-1 has no public address: with the default `--via auto` every tool reaches it through its VPC's EC2 Instance
/// Connect Endpoint -- a TLS websocket presigned by the agent and opened by the proxy. Each expensive case runs once.
/// </summary>
[Collection(EicWorldCollection.Name)]
public sealed class EiceTests(EicWorld world) : IDisposable
{
    private const int HundredMiB = 100 * 1024 * 1024;
    private readonly TemporaryDirectory _local = new("eic-e2e-eice-");
    private readonly string _remoteName = $"eic-e2e-eice-{Guid.NewGuid():N}";

    [Fact]
    public async Task Ssh_by_id_reaches_the_private_instance_through_its_endpoint_where_a_direct_connection_is_refused()
    {
        var db1 = world.Sim.Instance("db-1");

        var direct = await world.RunAsync("ssh", ["-F", "/dev/null", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", $"ec2-user@{db1.PrivateIpAddress}", "true"]);
        var result = await world.SshAsync(db1.InstanceId, "echo $SSH_CONNECTION");

        Assert.Equal(255, direct.ExitCode);
        Assert.Contains("Connection refused", direct.StandardError);
        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.Contains($" {db1.PrivateIpAddress} ", result.StandardOutput);
        Assert.Contains($"{db1.InstanceId} at wss://", world.AgentLog);
    }

    [Fact]
    public async Task Revoking_the_endpoint_groups_rule_closes_the_tunnel_path_until_it_is_authorized_again()
    {
        var db1 = world.Sim.Instance("db-1");
        var endpointGroup = world.Sim.ConnectEndpoints.Single(e => e.VpcId == db1.Definition.VpcId).SecurityGroupIds[0];
        var rule = new Amazon.EC2.Model.IpPermission
        {
            IpProtocol = "tcp", FromPort = 22, ToPort = 22, UserIdGroupPairs = [new() { GroupId = endpointGroup }],
        };
        using var ec2 = new Amazon.EC2.AmazonEC2Client(
            new Amazon.Runtime.BasicAWSCredentials(world.Sim.Caller.AccessKeyId, world.Sim.Caller.SecretAccessKey),
            new Amazon.EC2.AmazonEC2Config { ServiceURL = world.Sim.Endpoint.ToString(), AuthenticationRegion = world.Sim.Region });

        await ec2.RevokeSecurityGroupIngressAsync(new() { GroupId = db1.Definition.SecurityGroupIds[0], IpPermissions = [rule] });
        ProcessResult closed;
        try
        {
            closed = await world.SshAsync("db-1.eic", "true");
        }
        finally
        {
            await ec2.AuthorizeSecurityGroupIngressAsync(new() { GroupId = db1.Definition.SecurityGroupIds[0], IpPermissions = [rule] });
        }

        var open = await world.SshAsync("db-1.eic", "echo reached");
        Assert.Equal(255, closed.ExitCode);
        Assert.Contains("security groups", closed.StandardError);
        Assert.True(open.ExitCode == 0, open + world.AgentLog);
    }

    [Fact]
    public async Task Ssh_by_name_with_via_auto_runs_the_command_on_the_private_instance()
    {
        var db1 = world.Sim.Instance("db-1");

        var result = await world.SshAsync("db-1.eic", "echo \"$USER $SSH_CONNECTION\"; exit 3");

        Assert.True(result.ExitCode == 3, result + world.AgentLog);
        Assert.Matches($"^ec2-user \\S+ \\d+ {db1.PrivateIpAddress!.Replace(".", "\\.")} \\d+\n$", result.StandardOutput);
    }

    [Fact]
    public async Task Scp_carries_100_MiB_to_the_private_instance_and_back_unchanged()
    {
        var original = _local.Combine("original.bin");
        await File.WriteAllBytesAsync(original, RandomNumberGenerator.GetBytes(HundredMiB + 13));

        var upload = await world.RunAsync("scp", ["-F", world.ConfigPath, "-q", original, $"db-1.eic:{_remoteName}.bin"]);
        Assert.True(upload.ExitCode == 0, upload + world.AgentLog);
        var copy = _local.Combine("copy.bin");
        var download = await world.RunAsync("scp", ["-F", world.ConfigPath, "-q", $"db-1.eic:{_remoteName}.bin", copy]);
        Assert.True(download.ExitCode == 0, download + world.AgentLog);

        Assert.Equal(await HashAsync(original), await HashAsync(copy));
        var remoteSum = await world.SshAsync("db-1.eic", $"sha256sum {_remoteName}.bin && rm {_remoteName}.bin");
        Assert.StartsWith(Convert.ToHexStringLower(await HashAsync(original)), remoteSum.StandardOutput);
    }

    [Fact]
    public async Task Rsync_and_git_clone_work_through_the_endpoint()
    {
        var tree = _local.Combine("tree");
        Directory.CreateDirectory(Path.Combine(tree, "a"));
        await File.WriteAllTextAsync(Path.Combine(tree, "a", "deep.txt"), "deep\n");
        var sync = await world.RunAsync("rsync", ["-a", "-e", $"ssh -F {world.ConfigPath}", tree + "/", $"db-1.eic:{_remoteName}/"]);
        Assert.True(sync.ExitCode == 0, sync + world.AgentLog);
        var listing = await world.SshAsync("db-1.eic", $"cat {_remoteName}/a/deep.txt");
        Assert.Equal("deep\n", listing.StandardOutput);

        var init = await world.SshAsync("db-1.eic",
            $"git init -q {_remoteName}.src && cd {_remoteName}.src && echo private > README && git add README && " +
            "git -c user.name=eic -c user.email=eic@example.com commit -q -m from-db-1");
        Assert.True(init.ExitCode == 0, init + world.AgentLog);
        var git = new Dictionary<string, string?> { ["GIT_SSH_COMMAND"] = $"ssh -F {world.ConfigPath}" };
        var clone = await world.RunAsync("git", ["clone", "-q", $"db-1.eic:{_remoteName}.src", "work"], workingDirectory: _local.Path, extraEnvironment: git);
        Assert.True(clone.ExitCode == 0, clone + world.AgentLog);
        Assert.Equal("private\n", await File.ReadAllTextAsync(Path.Combine(_local.Path, "work", "README")));
    }

    [Fact]
    public async Task Via_direct_to_the_private_instance_is_one_line_that_names_the_other_paths()
    {
        var result = await SshViaAsync("--via direct", "db-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains("has no public address: use --via eice", result.StandardError);
    }

    [Fact]
    public async Task An_explicit_eice_id_tunnels_even_to_an_instance_with_a_public_address()
    {
        var web1 = world.Sim.Instance("web-1");
        var endpoint = world.Sim.ConnectEndpoints.Single(e => e.VpcId == web1.Definition.VpcId);

        var result = await SshViaAsync($"--eice-id {endpoint.EndpointId}", "web-1.eic", "echo $SSH_CONNECTION");

        Assert.True(result.ExitCode == 0, result + world.AgentLog);
        Assert.Contains($" {web1.PrivateIpAddress} ", result.StandardOutput);
    }

    [Fact]
    public async Task An_eice_id_from_another_vpc_is_one_line_naming_the_instance_vpc()
    {
        var other = world.Sim.ConnectEndpoints.First(e => e.VpcId != world.Sim.Instance("web-1").Definition.VpcId);

        var result = await SshViaAsync($"--eice-id {other.EndpointId}", "web-1.eic", "true");

        Assert.Equal(255, result.ExitCode);
        Assert.Contains($"eic: EC2 Instance Connect Endpoint {other.EndpointId} is not in vpc-", result.StandardError);
    }

    [Fact]
    public async Task Https_proxy_is_honoured_for_the_endpoint_and_no_proxy_bypasses_it()
    {
        var deadProxy = new Dictionary<string, string?> { ["HTTPS_PROXY"] = "http://127.0.0.1:9", ["NO_PROXY"] = null };
        var bypassed = new Dictionary<string, string?> { ["HTTPS_PROXY"] = "http://127.0.0.1:9", ["NO_PROXY"] = ".amazonaws.com" };

        var throughProxy = await world.RunAsync("ssh", ["-F", world.ConfigPath, "db-1.eic", "true"], extraEnvironment: deadProxy);
        var direct = await world.RunAsync("ssh", ["-F", world.ConfigPath, "db-1.eic", "echo reached"], extraEnvironment: bypassed);

        Assert.Equal(255, throughProxy.ExitCode);
        Assert.Contains("via proxy 127.0.0.1:9 (HTTPS_PROXY): Connection refused", throughProxy.StandardError);
        Assert.True(direct.ExitCode == 0, direct + world.AgentLog);
        Assert.Equal("reached\n", direct.StandardOutput);
    }

    public void Dispose() => _local.Dispose();

    private Task<ProcessResult> SshViaAsync(string proxyOptions, string host, string command) => world.RunAsync(
        "ssh", ["-F", world.ConfigPath, "-o", $"ProxyCommand \"{EicWorld.EicPath}\" proxy --socket \"{world.SocketPath}\" {proxyOptions} %h %p %r", host, command]);

    private static async Task<byte[]> HashAsync(string path)
    {
        await using var file = File.OpenRead(path);
        return await SHA256.HashDataAsync(file);
    }
}
