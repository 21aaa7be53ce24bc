using EicAgent.Testing;
using Xunit;

namespace EicAgent.Simulator.Tests;

/// <summary>
/// The real AWS CLI against a simulator: `aws` on PATH, else v1 as `python3 -m awscli`. Every call gets
/// --endpoint-url as well as the environment, so CLI v2 before 2.13 (which ignores AWS_ENDPOINT_URL*) works too.
/// </summary>
internal static class AwsCli
{
    private static readonly Lazy<string[]?> Command = new(Find);

    /// <summary>Skips the test when no AWS CLI can run here.</summary>
    public static void Require() => Skip.If(Command.Value is null, "no AWS CLI: neither `aws` on PATH nor `python3 -m awscli`");

    public static Task<ProcessResult> RunAsync(Simulator sim, params string[] arguments) => RunAsync(sim, null, new Dictionary<string, string?>(), arguments);

    /// <param name="cli">A given AWS CLI executable (the test skips when it is missing); null: the one found as above.</param>
    /// <param name="extraEnvironment">Set (or, null, removed) on top of the simulator's environment.</param>
    public static Task<ProcessResult> RunAsync(Simulator sim, string? cli, IReadOnlyDictionary<string, string?> extraEnvironment, params string[] arguments)
    {
        if (cli is null)
        {
            Require();
        }
        else
        {
            Skip.IfNot(File.Exists(cli), $"no {cli}");
        }

        var environment = sim.Environment.ToDictionary(v => v.Key, v => (string?)v.Value);
        foreach (var (name, value) in extraEnvironment)
        {
            environment[name] = value;
        }

        environment["AWS_PROFILE"] = null;
        environment["AWS_CONFIG_FILE"] = "/dev/null";
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        var command = cli is null ? Command.Value! : [cli];
        return ProcessRunner.RunAsync(command[0], [.. command.Skip(1), .. arguments, "--endpoint-url", sim.Endpoint.ToString()], environment);
    }

    private static string[]? Find()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "aws"))
            .FirstOrDefault(File.Exists);
        if (onPath is not null)
        {
            return [onPath];
        }

        var module = ProcessRunner.RunAsync("python3", "-m", "awscli", "--version").GetAwaiter().GetResult();
        return module.ExitCode == 0 ? ["python3", "-m", "awscli"] : null;
    }
}
