using System.Text.Json;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}

/// <summary>
/// The SDK and the AWS CLI reach the simulator through the standard endpoint variables alone: no ServiceURL, no
/// code change. (These tests set process-wide variables, so they run apart from every other test.)
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class EnvironmentVariableTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>
{
    private Simulator Sim => fixture.Simulator;

    [Fact]
    public async Task Clients_built_with_no_configuration_find_the_simulator_through_AWS_ENDPOINT_URL()
    {
        using var variables = new ProcessVariables(Sim.Environment
            .Where(v => !v.Key.StartsWith("AWS_ENDPOINT_URL_", StringComparison.Ordinal)));

        using var ec2 = new AmazonEC2Client();
        using var sts = new AmazonSecurityTokenServiceClient();
        var instances = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());

        Assert.Equal(Sim.Instances.Count, instances.Reservations.Count);
        Assert.Equal(Sim.Caller.Arn, identity.Arn);
    }

    [Fact]
    public async Task A_per_service_variable_wins_over_AWS_ENDPOINT_URL()
    {
        using var variables = new ProcessVariables(Sim.Environment
            .Append(KeyValuePair.Create("AWS_ENDPOINT_URL", "http://127.0.0.1:9")));

        using var ec2 = new AmazonEC2Client();
        var instances = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());

        Assert.Equal(Sim.Instances.Count, instances.Reservations.Count);
    }

    [SkippableFact]
    public async Task The_AWS_CLI_pushes_a_key_that_then_logs_in()
    {
        Skip.If(FindOnPath("aws") is null, "the AWS CLI is not installed");
        using var key = await SshClientKey.CreateAsync();
        var web2 = Sim.Instance("web-2");
        var environment = Sim.Environment.ToDictionary(v => v.Key, v => (string?)v.Value);
        environment["AWS_PROFILE"] = null;
        environment["AWS_CONFIG_FILE"] = "/dev/null";
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";

        var pushed = await ProcessRunner.RunAsync("aws",
            ["ec2-instance-connect", "send-ssh-public-key", "--instance-id", web2.InstanceId, "--instance-os-user", "ec2-user",
             "--ssh-public-key", key.PublicKey, "--output", "json"], environment);
        var login = await key.LoginAsync(web2, "ec2-user");

        Assert.True(pushed.ExitCode == 0, pushed.ToString());
        Assert.True(JsonDocument.Parse(pushed.StandardOutput).RootElement.GetProperty("Success").GetBoolean());
        Assert.True(login.ExitCode == 0, login.ToString());
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Sets process environment variables for the length of a test, and puts the old values back.</summary>
    private sealed class ProcessVariables : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = [];

        public ProcessVariables(IEnumerable<KeyValuePair<string, string>> variables)
        {
            foreach (var (name, value) in variables)
            {
                _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
