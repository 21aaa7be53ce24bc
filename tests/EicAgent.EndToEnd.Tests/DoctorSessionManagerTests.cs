using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// `eic doctor` on the Session Manager path: the instance managed and Online, StartSession working (and the
/// session ended again), and each broken link failing with its fix.
/// </summary>
public sealed class DoctorSessionManagerTests(SessionManagerWorld world) : IClassFixture<SessionManagerWorld>
{
    [Fact]
    public async Task Via_auto_an_instance_only_session_manager_reaches_passes_every_check_and_its_session_is_ended()
    {
        var terminatedBefore = Count("TerminateSession");

        var result = await DoctorAsync(["db-1.eic"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith("ok   path: no public address and no Instance Connect Endpoint in vpc-", StringComparison.Ordinal)
            && line.EndsWith("; online in Session Manager", StringComparison.Ordinal));
        Assert.Contains($"ok   ssm agent: Systems Manager manages {world.Sim.Instance("db-1").InstanceId} and its SSM agent is Online\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith("ok   ssm session: StartSession with AWS-StartSSHSession to port ", StringComparison.Ordinal));
        Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith("ok   login: ", StringComparison.Ordinal));
        Assert.DoesNotContain("security groups", result.StandardOutput, StringComparison.Ordinal);
        Assert.True(Count("TerminateSession") > terminatedBefore, "doctor ends the session it started");
    }

    [Fact]
    public async Task Via_ssm_checks_session_manager_even_for_an_instance_with_a_public_address()
    {
        var startsBefore = Count("StartSession");

        var result = await DoctorAsync(["--via", "ssm", "web-1.eic"]);

        Assert.Contains("ok   path: Session Manager (--via ssm)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith("ok   ssm session: ", StringComparison.Ordinal));
        Assert.True(Count("StartSession") > startsBefore, result.ToString());
    }

    [Fact]
    public async Task A_ProxyCommand_with_via_ssm_makes_doctor_check_session_manager()
    {
        var config = Path.Combine(world.Directory, "ssh_config_via_ssm");
        var text = await File.ReadAllTextAsync(world.ConfigPath);
        Assert.Contains(" proxy ", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(config, text.Replace(" proxy ", " proxy --via ssm ", StringComparison.Ordinal));

        var result = await DoctorAsync(["web-1.eic"], sshConfig: config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok   path: Session Manager (--via ssm)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith("ok   ssm agent: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unmanaged_instance_fails_with_the_ssm_agent_and_instance_profile_to_add()
    {
        var result = await DoctorAsync([$"{SessionManagerWorld.Unmanaged}.eic"]);

        Assert.Equal(1, result.ExitCode);
        DoctorOutput.AssertFailure(result, "path", "aws ec2 create-instance-connect-endpoint");
        Assert.Contains("FAIL ssm agent: Systems Manager does not manage i-0a1b2c3d4e5f00008", result.StandardOutput, StringComparison.Ordinal);
        DoctorOutput.AssertFailure(result, "ssm agent", "attach an instance profile whose role has AmazonSSMManagedInstanceCore");
        Assert.DoesNotContain("ssm session", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_whose_agent_lost_its_connection_fails_with_what_to_restart()
    {
        var result = await DoctorAsync(["--via", "ssm", $"{SessionManagerWorld.Lost}.eic"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL ssm agent: the SSM agent of i-0a1b2c3d4e5f00009 is ConnectionLost, not Online", result.StandardOutput, StringComparison.Ordinal);
        DoctorOutput.AssertFailure(result, "ssm agent", "sudo systemctl restart amazon-ssm-agent");
    }

    [Fact]
    public async Task A_caller_without_ssm_start_session_fails_with_the_permission_to_ask_for()
    {
        var result = await DoctorAsync(["--via", "ssm", "db-1.eic"], SessionManagerWorld.As(SessionManagerWorld.NoStartSession));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(DoctorOutput.Lines(result), line => line.StartsWith("ok   ssm agent: ", StringComparison.Ordinal));
        Assert.Contains("FAIL ssm session: not allowed to start a Session Manager session to i-0a1b2c3d4e5f00006: the caller needs ssm:StartSession",
            result.StandardOutput, StringComparison.Ordinal);
        DoctorOutput.AssertFailure(result, "ssm session", "ask your AWS administrator for ssm:StartSession on i-0a1b2c3d4e5f00006 and on the document AWS-StartSSHSession");
    }

    [Fact]
    public async Task A_caller_who_may_not_describe_instance_information_is_told_that_permission()
    {
        var result = await DoctorAsync(["--via", "ssm", "db-1.eic"], SessionManagerWorld.As(SessionManagerWorld.NoSsm));

        Assert.Equal(1, result.ExitCode);
        DoctorOutput.AssertFailure(result, "ssm agent", "ssm:DescribeInstanceInformation");
    }

    private int Count(string operation) => world.Sim.Requests.Count(r => r.Operation == operation && r.StatusCode == 200);

    private Task<ProcessResult> DoctorAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null, string? sshConfig = null) =>
        world.RunAsync(EicWorld.EicPath, ["doctor", "--socket", world.SocketPath, "--ssh-config", sshConfig ?? world.ConfigPath, .. arguments], extraEnvironment: environment);
}
