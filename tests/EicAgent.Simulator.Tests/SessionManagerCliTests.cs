using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// The real AWS CLI's `aws ssm start-session --document-name AWS-StartSSHSession` against the simulator. AWS's
/// session-manager-plugin (which the CLI hands the session to) is not installable here, so a stand-in on PATH records
/// exactly what the CLI hands it; the test then opens the data channel with that, as the plugin's first step does.
/// </summary>
public sealed class SessionManagerCliTests(SimulatorFixture fixture) : IClassFixture<SimulatorFixture>, IDisposable
{
    private const string StandIn = """
        #!/bin/sh
        # Answers the CLI's version probe as a plugin new enough to take the response in an environment variable.
        if [ "$1" = "--version" ]; then echo 1.2.707.0; exit 0; fi
        { printf '%s\n' "$AWS_SSM_START_SESSION_RESPONSE"; for argument in "$@"; do printf '%s\n' "$argument"; done; } > "$STAND_IN_RECORD"
        """;

    private readonly TemporaryDirectory _directory = new("eic-sim-ssm-cli-");

    private Simulator Sim => fixture.Simulator;

    /// <param name="cli">null: the CLI on PATH (v1 here); /usr/bin/aws: Debian's (v2), which hands the response as an argument, not in the environment.</param>
    [SkippableTheory]
    [InlineData(null)]
    [InlineData("/usr/bin/aws")]
    public async Task Start_session_hands_the_plugin_a_session_whose_token_opens_the_data_channel(string? cli)
    {
        var instance = Sim.Instance("db-1");
        var record = _directory.Combine("record");
        var plugin = _directory.Combine("session-manager-plugin");
        await File.WriteAllTextAsync(plugin, StandIn + "\n");
        File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await AwsCli.RunAsync(Sim, cli, new Dictionary<string, string?>
        {
            ["PATH"] = $"{_directory.Path}:{Environment.GetEnvironmentVariable("PATH")}",
            ["STAND_IN_RECORD"] = record,
        }, "ssm", "start-session", "--target", instance.InstanceId, "--document-name", "AWS-StartSSHSession", "--parameters", "portNumber=22");

        Assert.True(result.ExitCode == 0, result.ToString());
        // The record: the environment variable's value, then one line per argument.
        var lines = await File.ReadAllLinesAsync(record);
        var handed = lines[1..];
        using var response = JsonDocument.Parse(handed[0] == "AWS_SSM_START_SESSION_RESPONSE" ? lines[0] : handed[0]);
        var sessionId = response.RootElement.GetProperty("SessionId").GetString()!;
        var streamUrl = new Uri(response.RootElement.GetProperty("StreamUrl").GetString()!);
        var token = response.RootElement.GetProperty("TokenValue").GetString()!;
        Assert.Equal([Sim.Region, "StartSession", ""], handed[1..4]);
        using var parameters = JsonDocument.Parse(handed[4]);
        Assert.Equal(instance.InstanceId, parameters.RootElement.GetProperty("Target").GetString());
        Assert.Equal("AWS-StartSSHSession", parameters.RootElement.GetProperty("DocumentName").GetString());
        Assert.Equal("22", parameters.RootElement.GetProperty("Parameters").GetProperty("portNumber")[0].GetString());
        Assert.StartsWith(Sim.Endpoint.ToString().TrimEnd('/'), handed[5], StringComparison.Ordinal);
        Assert.Equal($"/v1/data-channel/{sessionId}", streamUrl.AbsolutePath);
        Assert.Contains("role=publish_subscribe", streamUrl.Query, StringComparison.Ordinal);

        Assert.Equal("output_stream_data", await FirstMessageTypeAsync(streamUrl, token));
        await AwsCli.RunAsync(Sim, cli, new Dictionary<string, string?>(), "ssm", "terminate-session", "--session-id", sessionId);
    }

    [SkippableFact]
    public async Task Without_the_plugin_the_cli_says_so_and_terminates_the_session_it_started()
    {
        Skip.If((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "session-manager-plugin"))),
            "AWS's session-manager-plugin is installed here");
        var terminatedBefore = Count("TerminateSession");
        var startedBefore = Count("StartSession");

        var result = await AwsCli.RunAsync(Sim,
            "ssm", "start-session", "--target", Sim.Instance("db-1").InstanceId, "--document-name", "AWS-StartSSHSession", "--parameters", "portNumber=22");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SessionManagerPlugin is not found", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(startedBefore + 1, Count("StartSession"));
        Assert.Equal(terminatedBefore + 1, Count("TerminateSession"));
    }

    public void Dispose() => _directory.Dispose();

    private int Count(string operation) => Sim.Requests.Count(r => r.Operation == operation && r.StatusCode == 200);

    /// <summary>What the plugin does first: OpenDataChannelInput with the token, then the agent's first message (its handshake request).</summary>
    private static async Task<string> FirstMessageTypeAsync(Uri streamUrl, string token)
    {
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await socket.ConnectAsync(streamUrl, timeout.Token);
        var open = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
        {
            ["MessageSchemaVersion"] = "1.0", ["RequestId"] = Guid.NewGuid().ToString(), ["TokenValue"] = token,
            ["ClientId"] = Guid.NewGuid().ToString(), ["ClientVersion"] = "1.2.707.0",
        });
        await socket.SendAsync(open, WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[64 * 1024];
        var received = await socket.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Binary, received.MessageType);

        // ClientMessage: uint32 header length, then the message type as 32 bytes of ASCII padded with spaces.
        return Encoding.ASCII.GetString(buffer, 4, 32).TrimEnd(' ', '\0');
    }
}
