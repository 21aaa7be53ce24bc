using EicAgent.Agent.Tests.Support;
using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Conformance;

/// <summary>OpenSSH user certificates (`ssh-keygen -s`) in our agent, driven by the real ssh-add, ssh and sshd.</summary>
public sealed class SshCertificateTests : AgentTest
{
    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public async Task A_key_and_its_certificate_are_added_listed_and_each_signs(string type)
    {
        var (key, certificatePath) = await CertifiedKeyAsync(type);

        var added = await Agent.SshAddAsync(key.PrivatePath);
        var listed = await Agent.SshAddAsync("-L");

        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.Contains("Certificate added", added.StandardError, StringComparison.Ordinal);
        Assert.Equal([key.PublicLine, Line(certificatePath)], Lines(listed.StandardOutput));
        Assert.Equal(0, (await Agent.SshAddAsync("-T", certificatePath)).ExitCode);
        Assert.Equal(0, (await Agent.SshAddAsync("-T", key.PublicPath)).ExitCode);
    }

    [Fact]
    public async Task The_certificate_and_the_plain_key_are_removed_each_on_its_own()
    {
        var (key, certificatePath) = await CertifiedKeyAsync("ed25519");
        await Agent.SshAddAsync(key.PrivatePath);

        var certificateRemoved = await Agent.SshAddAsync("-d", certificatePath);

        Assert.True(certificateRemoved.ExitCode == 0, certificateRemoved.ToString());
        Assert.Equal([key.PublicLine], Lines((await Agent.SshAddAsync("-L")).StandardOutput));
        await Agent.SshAddAsync(key.PrivatePath);

        // -k: the plain key alone, as OpenSSH's agent matches the exact blob.
        var keyRemoved = await Agent.SshAddAsync("-k", "-d", key.PrivatePath);

        Assert.True(keyRemoved.ExitCode == 0, keyRemoved.ToString());
        Assert.Equal([Line(certificatePath)], Lines((await Agent.SshAddAsync("-L")).StandardOutput));
    }

    [SkippableFact]
    public async Task A_certificate_held_only_by_the_agent_logs_in_to_an_sshd_that_trusts_its_authority()
    {
        Skip.IfNot(SshServer.IsInstalled, "sshd is not installed (apt-get install openssh-server)");
        await using var server = await SshServer.StartAsync();
        var (key, certificatePath) = await CertifiedKeyAsync("ecdsa", principal: server.User);
        // Only the authority is trusted: the plain key alone would be refused.
        await server.AuthorizeAsync($"cert-authority,principals=\"{server.User}\" {File.ReadAllText(Work.Combine("ca.pub")).Trim()}");
        Assert.Equal(0, (await Agent.SshAddAsync(key.PrivatePath)).ExitCode);
        File.Delete(key.PrivatePath);

        var login = await ProcessRunner.RunAsync("ssh", ["-n", "-v", "-F", server.WriteClientConfig(Agent.SocketPath), "eic-test", "echo logged-in"]);

        Assert.True(login.ExitCode == 0, $"{login}\n--- sshd ---\n{server.Log}\n--- agent ---\n{Agent.Log}");
        Assert.Equal("logged-in", login.StandardOutput.Trim());
        Assert.Matches(@"Server accepts key: \S+ ECDSA-CERT ", login.StandardError);
    }

    /// <summary>A key and a certificate for it, signed by a fresh Ed25519 authority `ca` in the work directory.</summary>
    private async Task<(OpenSshKey Key, string CertificatePath)> CertifiedKeyAsync(string type, string principal = "estragon")
    {
        if (!File.Exists(Work.Combine("ca")))
        {
            await OpenSshKey.GenerateAsync(Work, "ed25519", "ca");
        }

        var key = await OpenSshKey.GenerateAsync(Work, type);
        var signed = await ProcessRunner.RunAsync("ssh-keygen", "-q", "-s", Work.Combine("ca"), "-I", $"{type} cert", "-n", principal, key.PublicPath);
        Assert.True(signed.ExitCode == 0, signed.ToString());
        return (key, key.PrivatePath + "-cert.pub");
    }

    private static string Line(string path) => File.ReadAllText(path).Trim();

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
