using EicAgent.Simulator.SerialConsole;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// `eic serial` and `ssh INSTANCE.port0@NAME.serial.eic` against the simulator's serial console endpoint (a real
/// sshd): the console and login prompt in a real terminal, one session per instance, and each refusal's advice.
/// </summary>
public sealed class SerialConsoleTests(SerialConsoleWorld world) : IClassFixture<SerialConsoleWorld>
{
    [SkippableFact]
    public async Task Eic_serial_in_a_real_terminal_shows_the_console_and_its_login_prompt_and_holds_the_one_session()
    {
        Skip.IfNot(TmuxTerminal.Installed, "needs tmux for a real terminal (apt-get install tmux)");
        world.Sim.SerialConsole.AccessEnabled = true;
        var web1 = world.Sim.Instance("web-1");

        await using (var terminal = await TmuxTerminal.StartAsync(world.Environment, EicWorld.EicPath, ["serial", "--socket", world.SocketPath, "web-1"]))
        {
            var screen = await terminal.WaitForAsync($"{HostName(web1)} login:");
            Assert.Contains("Linux version 6.1.0-eic-simulated", screen, StringComparison.Ordinal);
            Assert.Contains(web1.HostPublicKey.Split(' ')[1], screen, StringComparison.Ordinal);
            await terminal.SendKeysAsync("root", "Enter");
            await terminal.WaitForAsync("Password:");
            await terminal.SendKeysAsync("not-the-password", "Enter");
            await terminal.WaitForAsync("Login incorrect");
            Assert.True(world.Sim.SerialConsole.HasSession(web1.InstanceId));

            var second = await EicSerialAsync("web-1");
            Assert.Equal(255, second.ExitCode);
            Assert.Contains($"instance {web1.InstanceId} already has a serial console session open (one at a time)", second.StandardError, StringComparison.Ordinal);

            // ssh's escape ends the session, which frees the instance's one serial console session.
            await terminal.SendKeysAsync("Enter", "~.");
            await terminal.WaitUntilClosedAsync();
        }

        var again = await EicSerialAsync("web-1", standardInput: "root\n");
        Assert.True(again.ExitCode == 0, again + world.AgentLog);
        Assert.Contains($"{HostName(web1)} login: ", again.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_refusal_says_what_to_do()
    {
        world.Sim.SerialConsole.AccessEnabled = false;
        var disabled = await EicSerialAsync("web-1");
        world.Sim.SerialConsole.AccessEnabled = true;
        var xen = await EicSerialAsync(SerialConsoleWorld.XenInstance);
        world.Sim.SerialConsole.Refusal = SerialConsoleRefusal.Unavailable;
        var unavailable = await EicSerialAsync("web-1");
        world.Sim.SerialConsole.Refusal = SerialConsoleRefusal.Unsupported;
        var unsupported = await EicSerialAsync("web-1");
        world.Sim.SerialConsole.Refusal = null;

        AssertRefused(disabled, "serial console access is disabled for the account: enable it with `aws ec2 enable-serial-console-access --region us-east-1`");
        AssertRefused(xen, "is not on an instance type built on the Nitro System, which the serial console needs");
        AssertRefused(unavailable, "the EC2 Serial Console cannot open a session to");
        AssertRefused(unsupported, "cannot have serial console sessions yet: reboot it");
    }

    [Fact]
    public async Task The_ssh_config_block_routes_INSTANCE_port0_at_NAME_serial_eic_and_names_the_user_otherwise()
    {
        world.Sim.SerialConsole.AccessEnabled = true;
        var id = world.Sim.Instance("ubuntu-1").InstanceId;

        var console = await world.RunAsync("ssh", ["-F", world.ConfigPath, $"{id}.port0@ubuntu-1.serial.eic"], standardInput: "root\n");
        var wrongUser = await world.RunAsync("ssh", ["-F", world.ConfigPath, "ubuntu-1.serial.eic"], standardInput: "");

        Assert.True(console.ExitCode == 0, console + world.AgentLog);
        Assert.Contains("Ubuntu 24.04 LTS", console.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("login: ", console.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(255, wrongUser.ExitCode);
        Assert.Contains($"the serial console of {id} logs in as {id}.port0, not ec2-user", wrongUser.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_whose_host_key_is_not_the_published_one_is_not_trusted()
    {
        world.Sim.SerialConsole.AccessEnabled = true;

        // Without the simulator's list, only AWS's published us-east-1 fingerprint counts, and the simulator's key is not it.
        var run = await EicSerialAsync("web-1", environment: new Dictionary<string, string?> { ["EIC_SERIAL_CONSOLE_ENDPOINTS"] = null });

        Assert.Equal(255, run.ExitCode);
        Assert.Contains("not SHA256:dXwn5ma/xadVMeBZGEru5l2gx+yI5LDiJaLUcz0FMmw that AWS publishes for us-east-1: not trusted", run.StandardError, StringComparison.Ordinal);
        Assert.Contains("Host key verification failed", run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("login:", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_serial_checks_access_instance_type_push_and_endpoint()
    {
        world.Sim.SerialConsole.AccessEnabled = false;
        var disabled = await DoctorAsync("web-1");
        world.Sim.SerialConsole.AccessEnabled = true;
        var healthy = await DoctorAsync("web-1");
        var xen = await DoctorAsync(SerialConsoleWorld.XenInstance);

        Assert.Equal(1, disabled.ExitCode);
        Assert.Contains("FAIL serial console access: disabled for the account in us-east-1", disabled.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("fix: `aws ec2 enable-serial-console-access --region us-east-1`", disabled.StandardOutput, StringComparison.Ordinal);
        Assert.True(healthy.ExitCode == 0, healthy.ToString());
        foreach (var check in (string[])["serial console access: enabled", "instance type: t3.micro is built on the Nitro System", "push permission:", "serial console endpoint:"])
        {
            Assert.Contains("ok   " + check, healthy.StandardOutput, StringComparison.Ordinal);
        }

        Assert.Equal(1, xen.ExitCode);
        Assert.Contains("FAIL instance type: t2.micro runs on xen", xen.StandardOutput, StringComparison.Ordinal);
    }

    private static string HostName(Simulator.Fleet.SimulatedInstance instance) => instance.PrivateDnsName.Split('.')[0];

    private static void AssertRefused(ProcessResult run, string advice)
    {
        Assert.Equal(255, run.ExitCode);
        Assert.Contains(advice, run.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("login:", run.StandardOutput, StringComparison.Ordinal);
    }

    private Task<ProcessResult> EicSerialAsync(string target, string standardInput = "", IReadOnlyDictionary<string, string?>? environment = null) =>
        world.RunAsync(EicWorld.EicPath, ["serial", "--socket", world.SocketPath, target, "-o", "BatchMode=yes"], standardInput, extraEnvironment: environment);

    private Task<ProcessResult> DoctorAsync(string target) =>
        world.RunAsync(EicWorld.EicPath, ["doctor", target, "--serial", "--socket", world.SocketPath, "--ssh-config", world.ConfigPath]);
}
