using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Conformance;

/// <summary>`ssh-keygen -Y sign` with a key only the agent holds, checked by `ssh-keygen -Y verify`.</summary>
public sealed class SshKeygenSignTests : AgentTest
{
    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public async Task A_file_signed_through_the_agent_verifies(string type)
    {
        var key = await OpenSshKey.GenerateAsync(Work, type);
        Assert.Equal(0, (await Agent.SshAddAsync(key.PrivatePath)).ExitCode);
        File.Delete(key.PrivatePath);
        var message = Work.Combine("message.txt");
        await File.WriteAllTextAsync(message, "signed through eic agent\n");

        var signed = await ProcessRunner.RunAsync("ssh-keygen", ["-Y", "sign", "-n", "file", "-f", key.PublicPath, message], Agent.Environment);
        Assert.True(signed.ExitCode == 0, signed.ToString());

        var allowedSigners = Work.Combine("allowed_signers");
        await File.WriteAllTextAsync(allowedSigners, $"tester@example.com {key.PublicLine}\n");
        var verified = await ProcessRunner.RunAsync(
            "ssh-keygen",
            ["-Y", "verify", "-f", allowedSigners, "-I", "tester@example.com", "-n", "file", "-s", message + ".sig"],
            standardInput: await File.ReadAllTextAsync(message));

        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Good \"file\" signature for tester@example.com", verified.StandardError + verified.StandardOutput, StringComparison.Ordinal);
    }
}
