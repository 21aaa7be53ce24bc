using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>`eic config`: the Host entries VS Code lists, read by the real ssh, and safe to regenerate.</summary>
[Collection(EicWorldCollection.Name)]
public sealed class ConfigCommandTests(EicWorld world) : IDisposable
{
    private readonly TemporaryDirectory _directory = new("eic-config-");

    private string HostsPath => _directory.Combine("eic_hosts");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Writes_a_host_per_name_and_per_id_and_none_for_a_shared_name()
    {
        await WriteAsync();
        var content = await File.ReadAllTextAsync(HostsPath);

        foreach (var instance in world.Sim.Instances)
        {
            Assert.Contains($"\nHost {instance.InstanceId}\n", content, StringComparison.Ordinal);
        }

        var ubuntu = world.Sim.Instance("ubuntu-1").InstanceId;
        Assert.Contains($"\nHost ubuntu-1.eic\n    HostName {ubuntu}\n    User ubuntu\n    HostKeyAlias {ubuntu}\n", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Host worker.eic", content, StringComparison.Ordinal);
        Assert.Contains("# worker.eic: 2 instances share this Name", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ssh_reads_hostname_user_and_alias_and_connects_through_the_entry()
    {
        await WriteAsync();
        var config = _directory.Combine("ssh_config");
        await File.WriteAllTextAsync(config, $"Include {HostsPath}\nInclude {world.ConfigPath}\n");
        var ubuntu = world.Sim.Instance("ubuntu-1").InstanceId;

        var settings = await world.RunAsync("ssh", ["-G", "-F", config, "ubuntu-1.eic"]);
        Assert.True(settings.ExitCode == 0, settings.ToString());
        var lines = settings.StandardOutput.Split('\n');
        Assert.Contains($"hostname {ubuntu}", lines);
        Assert.Contains("user ubuntu", lines);
        Assert.Contains($"hostkeyalias {ubuntu}", lines);
        Assert.Contains(lines, line => line.StartsWith("proxycommand ", StringComparison.Ordinal));

        var login = await world.RunAsync("ssh", ["-F", config, "ubuntu-1.eic", "whoami"]);
        Assert.True(login.ExitCode == 0, login + world.AgentLog);
        Assert.Equal("ubuntu\n", login.StandardOutput);
    }

    [Fact]
    public async Task Regenerating_leaves_an_unchanged_file_as_it_was()
    {
        await WriteAsync();
        var first = await File.ReadAllBytesAsync(HostsPath);
        var written = File.GetLastWriteTimeUtc(HostsPath);

        await WriteAsync();

        Assert.Equal(first, await File.ReadAllBytesAsync(HostsPath));
        Assert.Equal(written, File.GetLastWriteTimeUtc(HostsPath));
        Assert.Equal(["eic_hosts"], Directory.GetFiles(_directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Refuses_to_overwrite_a_file_it_did_not_write()
    {
        const string mine = "Host mine\n    HostName 192.0.2.1\n";
        await File.WriteAllTextAsync(HostsPath, mine);

        var config = await world.RunAsync(EicWorld.EicPath, ["config", "--output", HostsPath]);

        Assert.Equal(1, config.ExitCode);
        Assert.Contains("not written by `eic config`", config.StandardError, StringComparison.Ordinal);
        Assert.Equal(mine, await File.ReadAllTextAsync(HostsPath));
    }

    private async Task WriteAsync()
    {
        var config = await world.RunAsync(EicWorld.EicPath, ["config", "--output", HostsPath]);
        Assert.True(config.ExitCode == 0, config.ToString());
    }
}
