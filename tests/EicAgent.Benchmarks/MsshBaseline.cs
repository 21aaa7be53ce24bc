using EicAgent.Aws.Scopes;
using EicAgent.Testing;

namespace EicAgent.Benchmarks;

/// <summary>
/// Baseline (b), started as a fresh process per connection so it pays what mssh and `aws ec2-instance-connect ssh`
/// pay: a cold runtime and SDK, a new key, DescribeInstances, SendSSHPublicKey, then `ssh -i KEY`.
/// </summary>
internal static class MsshBaseline
{
    public const string ModeName = "baseline-mssh";

    /// <summary>Arguments: INSTANCE_ID OS_USER SSH_CONFIG; exits with ssh's status.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not [var instanceId, var osUser, var sshConfig])
        {
            await Console.Error.WriteLineAsync($"usage: EicAgent.Benchmarks {ModeName} INSTANCE_ID OS_USER SSH_CONFIG");
            return 2;
        }

        using var keyDirectory = new TemporaryDirectory("eic-mssh-");
        var key = keyDirectory.Combine("key");
        var keygen = await ProcessRunner.RunAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
        if (keygen.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync($"ssh-keygen failed: {keygen.StandardError.Trim()}");
            return 1;
        }

        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var scopes = new AwsScopes();
        var address = await KeyPush.PushAsync(scopes, instanceId, osUser, await File.ReadAllTextAsync(key + ".pub"), bounded.Token);
        var ssh = await ProcessRunner.RunAsync("ssh", ["-F", sshConfig, "-i", key, $"{osUser}@{address}", "true"], timeout: TimeSpan.FromSeconds(60));
        if (ssh.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync(ssh.StandardError.Trim());
        }

        return ssh.ExitCode;
    }
}
