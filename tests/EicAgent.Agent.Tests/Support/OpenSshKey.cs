using EicAgent.Testing;

namespace EicAgent.Agent.Tests.Support;

/// <summary>A key pair made by the real ssh-keygen in a temporary directory.</summary>
public sealed record OpenSshKey(string PrivatePath, string PublicPath, string Type)
{
    public string PublicLine => File.ReadAllText(PublicPath).Trim();

    /// <summary>`ssh-keygen -t TYPE [-b BITS]` without a passphrase; RSA at 2048 bits unless told, to keep tests quick.</summary>
    public static async Task<OpenSshKey> GenerateAsync(TemporaryDirectory directory, string type, string? name = null, string? bits = null)
    {
        var path = directory.Combine(name ?? $"id_{type}");
        var arguments = new List<string> { "-q", "-t", type, "-N", "", "-C", $"test-{type}", "-f", path };
        if ((bits ?? (type == "rsa" ? "2048" : null)) is { } size)
        {
            arguments.AddRange(["-b", size]);
        }

        var result = await ProcessRunner.RunAsync("ssh-keygen", arguments);
        Assert.True(result.ExitCode == 0, result.ToString());
        return new OpenSshKey(path, path + ".pub", type);
    }
}
