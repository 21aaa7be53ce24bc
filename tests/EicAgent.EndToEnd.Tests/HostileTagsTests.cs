using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using EicAgent.Simulator;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.EndToEnd.Tests;

/// <summary>
/// Name tags written by whoever has ec2:CreateTags (set here with the real SDK's CreateTags): `eic config` turns
/// none of them into live ssh_config, and `eic ls` shows their control characters escaped.
/// </summary>
public sealed class HostileTagsTests(HostileTagsTests.Fleet fleet) : IClassFixture<HostileTagsTests.Fleet>
{
    [Fact]
    public async Task Eic_config_writes_nothing_ssh_would_read_as_config_from_hostile_names()
    {
        var hosts = fleet.Directory.Combine("eic_hosts");
        var config = await fleet.RunEicAsync("config", "--output", hosts);
        Assert.True(config.ExitCode == 0, config.ToString());
        var sshConfig = fleet.Directory.Combine("ssh_config");
        await File.WriteAllTextAsync(sshConfig, $"Include {hosts}\n");

        var github = await ProcessRunner.RunAsync("ssh", ["-G", "-F", sshConfig, "github.com"]);
        var web2 = await ProcessRunner.RunAsync("ssh", ["-G", "-F", sshConfig, fleet.Ids["web-2"]]);

        Assert.True(github.ExitCode == 0, github.ToString());
        Assert.DoesNotContain("proxycommand", github.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(Fleet.Marker, github.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("hostname github.com\n", github.StandardOutput, StringComparison.Ordinal);
        Assert.True(web2.ExitCode == 0, web2.ToString());
        Assert.Contains($"hostkeyalias {fleet.Ids["web-2"]}\n", web2.StandardOutput, StringComparison.Ordinal);
        var written = await File.ReadAllTextAsync(hosts);
        Assert.DoesNotContain(written, c => char.IsControl(c) && c != '\n');
        Assert.All(written.Split('\n'), line => Assert.Matches(@"^(|#.*|Host [A-Za-z0-9._-]+|    (HostName|User|HostKeyAlias) [A-Za-z0-9._-]+|    #.*)$", line));
        Assert.Contains(@"\e]0;pwned\x07\e[31m", written, StringComparison.Ordinal);
        Assert.False(File.Exists(Fleet.Marker));
    }

    [Fact]
    public async Task Eic_ls_shows_terminal_escapes_in_names_escaped()
    {
        var table = await fleet.RunEicAsync("ls");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.DoesNotContain('\u001b', table.StandardOutput);
        Assert.DoesNotContain('\r', table.StandardOutput);
        Assert.Contains(@"\e]0;pwned\x07\e[31mred", table.StandardOutput, StringComparison.Ordinal);
        Assert.Equal(fleet.Aws.Instances.Count + 1, table.StandardOutput.TrimEnd('\n').Split('\n').Length);
    }

    /// <summary>A simulator of its own whose Names were changed by CreateTags.</summary>
    public sealed class Fleet : IAsyncLifetime
    {
        public static readonly string Marker = Path.Combine(Path.GetTempPath(), $"eic-pwned-{Guid.NewGuid():N}");

        private static readonly Dictionary<string, string> HostileNames = new()
        {
            ["web-1"] = $"x\nMatch all\nProxyCommand touch {Marker}\n#",
            ["web-2"] = "bare\"quote",
            ["ubuntu-1"] = $"cr\rHost *\r    ProxyCommand touch {Marker}",
            ["db-1"] = "\u001b]0;pwned\u0007\u001b[31mred",
            ["stopped-1"] = "100%h w*1? \u2028 'q'",
        };

        public TemporaryDirectory Directory { get; } = new("eic-hostile-tags-");

        public Simulator.Simulator Aws { get; private set; } = null!;

        /// <summary>The instance ids by the Names they had before (the simulator finds instances by their Name now).</summary>
        public Dictionary<string, string> Ids { get; } = [];

        public async Task InitializeAsync()
        {
            Aws = await Simulator.Simulator.StartAsync(new SimulatorOptions());
            var credentials = Aws.Caller.SessionToken is null
                ? (AWSCredentials)new BasicAWSCredentials(Aws.Caller.AccessKeyId, Aws.Caller.SecretAccessKey)
                : new SessionAWSCredentials(Aws.Caller.AccessKeyId, Aws.Caller.SecretAccessKey, Aws.Caller.SessionToken);
            using var ec2 = new AmazonEC2Client(credentials, new AmazonEC2Config { ServiceURL = Aws.Endpoint.ToString(), AuthenticationRegion = Aws.Region });
            foreach (var (name, hostile) in HostileNames)
            {
                Ids[name] = Aws.Instance(name).InstanceId;
                await ec2.CreateTagsAsync(new CreateTagsRequest { Resources = [Ids[name]], Tags = [new Tag("Name", hostile)] });
            }
        }

        public Task<ProcessResult> RunEicAsync(params string[] arguments)
        {
            var environment = Aws.Environment.ToDictionary(e => e.Key, e => (string?)e.Value);
            environment["AWS_CONFIG_FILE"] = Directory.Combine("aws-config");
            environment["AWS_SHARED_CREDENTIALS_FILE"] = Directory.Combine("aws-credentials");
            environment["AWS_PROFILE"] = null;
            environment["XDG_CACHE_HOME"] = Directory.Combine("cache");
            return ProcessRunner.RunAsync(EicWorld.EicPath, arguments, environment, timeout: TimeSpan.FromSeconds(90));
        }

        public async Task DisposeAsync()
        {
            await Aws.DisposeAsync();
            Directory.Dispose();
            File.Delete(Marker);
        }
    }
}
