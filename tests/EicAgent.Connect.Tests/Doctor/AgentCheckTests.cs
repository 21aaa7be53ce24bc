using System.Runtime.Versioning;
using EicAgent.Cli.Doctor;
using EicAgent.Cli.Status;
using EicAgent.Connect.Tests.Fakes;
using EicAgent.Testing;

namespace EicAgent.Connect.Tests.Doctor;

/// <summary>Doctor's agent check and key delivery check: each verdict and each fix, with fakes and a private directory.</summary>
public sealed class AgentCheckTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-doctor-agent-");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_agent_that_answers_on_the_socket_passes_with_its_pid_and_path()
    {
        var socket = _directory.Combine("agent.sock");
        var probe = new FakeConnectionProbe { Agent = new AgentStatus(4242, 0, []) };

        var check = await AgentCheck.RunAsync(probe, socket, CancellationToken.None);

        Assert.Equal(new DoctorCheck("agent", $"pid 4242 answers on {socket}", null), check);
        Assert.Equal([socket], probe.AgentsAsked);
    }

    [Fact]
    public async Task No_agent_fails_with_how_to_start_one()
    {
        var socket = _directory.Combine("agent.sock");

        var check = await AgentCheck.RunAsync(new FakeConnectionProbe(), socket, CancellationToken.None);

        Assert.False(check.Passed);
        Assert.Equal($"no eic agent answers on {socket} (no socket there)", check.Detail);
        Assert.StartsWith("start it: `systemctl --user start eic-agent`", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    [SupportedOSPlatform("linux")]
    public void Key_delivery_is_by_key_file_in_a_private_directory_and_by_offer_in_one_others_may_write()
    {
        var privateSocket = _directory.Combine("private", "agent.sock");
        Directory.CreateDirectory(Path.GetDirectoryName(privateSocket)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var openSocket = _directory.Combine("open", "agent.sock");
        Directory.CreateDirectory(Path.GetDirectoryName(openSocket)!);
        File.SetUnixFileMode(Path.GetDirectoryName(openSocket)!, (UnixFileMode)0x1FF);

        var byFile = KeyDeliveryCheck.Mode(privateSocket);
        var byOffer = KeyDeliveryCheck.Mode(openSocket);

        Assert.StartsWith($"key file {Path.GetDirectoryName(privateSocket)}/key-USER@HOST:PORT, read by ssh at once", byFile.Detail, StringComparison.Ordinal);
        Assert.StartsWith("agent offer (the instance looks the key up twice per login): ", byOffer.Detail, StringComparison.Ordinal);
        Assert.True(byFile.Passed && byOffer.Passed);
    }
}
