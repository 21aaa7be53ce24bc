using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Conformance;

/// <summary>`ssh-keygen -Y sign` with a key only the agent holds, checked by `ssh-keygen -Y verify`.</summary>
public sealed class SshKeygenSignTests : IAsyncLifetime
{
    private readonly TestAgent _agent = TestAgent.Start();
    private readonly TemporaryDirectory _work = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        _work.Dispose();
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public async Task A_file_signed_through_the_agent_verifies(string type)
    {
        var key = await OpenSshKey.GenerateAsync(_work, type);
        Assert.Equal(0, (await _agent.SshAddAsync(key.PrivatePath)).ExitCode);
        File.Delete(key.PrivatePath);
        var message = _work.Combine("message.txt");
        await File.WriteAllTextAsync(message, "signed through eic agent\n");

        var signed = await ProcessRunner.RunAsync("ssh-keygen", ["-Y", "sign", "-n", "file", "-f", key.PublicPath, message], _agent.Environment);
        Assert.True(signed.ExitCode == 0, signed.ToString());

        var allowedSigners = _work.Combine("allowed_signers");
        await File.WriteAllTextAsync(allowedSigners, $"tester@example.com {key.PublicLine}\n");
        var verified = await ProcessRunner.RunAsync(
            "ssh-keygen",
            ["-Y", "verify", "-f", allowedSigners, "-I", "tester@example.com", "-n", "file", "-s", message + ".sig"],
            standardInput: await File.ReadAllTextAsync(message));

        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("Good \"file\" signature for tester@example.com", verified.StandardError + verified.StandardOutput, StringComparison.Ordinal);
    }
}
