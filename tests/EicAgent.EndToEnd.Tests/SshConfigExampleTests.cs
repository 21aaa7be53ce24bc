using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>The shipped ssh_config.example stays what `eic ssh-config` writes, and ssh reads it as we mean it.</summary>
public sealed class SshConfigExampleTests
{
    private const string ExampleEic = "/home/you/.local/bin/eic";
    private const string ExampleSocket = "/run/user/1000/eic/agent.sock";

    [Fact]
    public async Task The_example_is_the_block_eic_ssh_config_renders()
    {
        var rendered = await ProcessRunner.RunAsync(EicWorld.EicPath, "ssh-config", "--eic", ExampleEic, "--socket", ExampleSocket);

        Assert.Equal(0, rendered.ExitCode);
        Assert.Equal(await File.ReadAllTextAsync(ExamplePath()), rendered.StandardOutput);
    }

    [Theory]
    [InlineData("i-0123456789abcdef0")]
    [InlineData("web-1.prod.eu-west-1.eic")]
    public async Task Ssh_routes_instance_names_through_eic_with_the_agent_and_ec2_user(string host)
    {
        var settings = await ProcessRunner.RunAsync("ssh", "-G", "-F", ExamplePath(), host);

        Assert.Contains($"proxycommand '{ExampleEic}' proxy --socket '{ExampleSocket}' %h %p %r", settings.StandardOutput);
        Assert.Contains($"identityagent {ExampleSocket}", settings.StandardOutput);
        Assert.Contains("user ec2-user", settings.StandardOutput);
    }

    [Fact]
    public async Task Ssh_leaves_other_hosts_alone()
    {
        var settings = await ProcessRunner.RunAsync("ssh", "-G", "-F", ExamplePath(), "github.com");

        Assert.DoesNotContain("proxycommand", settings.StandardOutput);
    }

    private static string ExamplePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ssh_config.example")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new FileNotFoundException("ssh_config.example above the test directory"), "ssh_config.example");
    }
}
