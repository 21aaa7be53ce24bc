using System.Diagnostics;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using EicAgent.Simulator.Sshd;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>The real `eic sim` executable: its printed environment works, commands run inside it, SIGTERM cleans up.</summary>
public sealed class EicSimCommandTests
{
    private static readonly string Eic = Path.Combine(AppContext.BaseDirectory, "eic");
    // Starting seven sshd and a simulator takes a few seconds alone, and half a minute or more on a busy 2-core machine.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_command_runs_with_the_simulators_environment_and_its_exit_status_is_eics()
    {
        var result = await ProcessRunner.RunAsync(Eic,
            ["sim", "--", "sh", "-c", "printf '%s\\n' \"$AWS_ENDPOINT_URL\" \"$AWS_ENDPOINT_URL_EC2_INSTANCE_CONNECT\" \"$AWS_ACCESS_KEY_ID\" \"$AWS_REGION\"; exit 3"]);

        Assert.Equal(3, result.ExitCode);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", lines[0]);
        Assert.Equal(lines[0], lines[1]);
        Assert.Equal([SimulatedCaller.Default.AccessKeyId, "us-east-1"], lines[2..]);
    }

    [Fact]
    public async Task Without_a_command_it_prints_a_working_environment_and_cleans_up_on_SIGTERM()
    {
        using var eic = Process.Start(new ProcessStartInfo(Eic, ["sim"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stderr = eic.StandardError.ReadToEndAsync();
        var printed = await ReadUntilAsync(eic.StandardOutput, "# Ctrl-C stops the simulator");
        var exports = printed.Where(l => !l.StartsWith('#')).ToArray();
        var variables = exports.Select(l => l["export ".Length..].Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var stateDirectory = Path.GetDirectoryName(printed.Single(l => l.Contains("UserKnownHostsFile", StringComparison.Ordinal)).Split(' ')[^1])!;
        var sshdBefore = ProcessTree.Using(stateDirectory);

        using var ec2 = new AmazonEC2Client(
            new BasicAWSCredentials(variables["AWS_ACCESS_KEY_ID"], variables["AWS_SECRET_ACCESS_KEY"]),
            new AmazonEC2Config { ServiceURL = variables["AWS_ENDPOINT_URL"], AuthenticationRegion = variables["AWS_REGION"] });
        var instances = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest());
        await ProcessRunner.RunAsync("kill", "-TERM", eic.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var bound = new CancellationTokenSource(Bound);
        await eic.WaitForExitAsync(bound.Token);

        Assert.All(exports, line => Assert.Matches("^export (AWS|EIC)_[A-Z0-9_]+=[^ ]+$", line));
        Assert.Equal(7, instances.Reservations.Count);
        Assert.Equal(7, sshdBefore.Count); // the six running instances' and the serial console endpoint's
        Assert.Equal(0, eic.ExitCode);
        Assert.Contains("stopping", await stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(stateDirectory));
        Assert.All(sshdBefore, pid => Assert.True(ProcessTree.IsGone(pid)));
    }

    [Theory]
    [InlineData(new[] { "sim", "--policy", "/nonexistent/policy.json" }, 1, "eic sim: policy /nonexistent/policy.json: cannot read it: ")]
    [InlineData(new[] { "sim", "--port", "70000" }, 1, "eic sim: the HTTP port must be 0-65535, not 70000")]
    [InlineData(new[] { "sim", "--", "/nonexistent/program" }, 127, "eic sim: cannot run /nonexistent/program: ")]
    public async Task Bad_input_gets_one_clear_line_and_a_non_zero_exit(string[] arguments, int exitCode, string message)
    {
        var result = await ProcessRunner.RunAsync(Eic, arguments);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith(message, result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<List<string>> ReadUntilAsync(StreamReader output, string lastLinePrefix)
    {
        using var bound = new CancellationTokenSource(Bound);
        var lines = new List<string>();
        while (await output.ReadLineAsync(bound.Token) is { } line)
        {
            lines.Add(line);
            if (line.StartsWith(lastLinePrefix, StringComparison.Ordinal))
            {
                return lines;
            }
        }

        throw new InvalidOperationException("eic sim ended before it printed everything:\n" + string.Join('\n', lines));
    }
}
