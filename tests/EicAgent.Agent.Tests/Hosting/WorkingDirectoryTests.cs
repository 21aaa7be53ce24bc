using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Hosting;

/// <summary>The agent takes its settings from its command line only: nothing in the directory it was started from counts.</summary>
public sealed class WorkingDirectoryTests : IDisposable
{
    private readonly TemporaryDirectory _work = new();

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task An_appsettings_file_in_the_working_directory_does_not_silence_the_log()
    {
        var started = Directory.CreateDirectory(_work.Combine("started-here")).FullName;
        const string Silence = """{ "Logging": { "LogLevel": { "Default": "None" } } }""";
        await File.WriteAllTextAsync(Path.Combine(started, "appsettings.json"), Silence);
        await File.WriteAllTextAsync(Path.Combine(started, "appsettings.Production.json"), Silence);
        var socket = _work.Combine("run", "agent.sock");
        var key = await OpenSshKey.GenerateAsync(_work, "ed25519");
        var fingerprint = (await ProcessRunner.RunAsync("ssh-keygen", "-l", "-f", key.PublicPath)).StandardOutput.Split(' ')[1];

        await using var agent = EicAgentProcess.StartIn(started, "--socket", socket, "--foreground");
        await agent.FirstLineAsync();
        var added = await ProcessRunner.RunAsync("ssh-add", [key.PrivatePath], new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = socket });
        await agent.SignalAsync("TERM");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains($"added key {fingerprint}", agent.StandardError, StringComparison.Ordinal);
    }
}
