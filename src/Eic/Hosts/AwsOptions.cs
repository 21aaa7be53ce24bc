using System.CommandLine;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Proxy;
using EicAgent.Cli.Untrusted;

namespace EicAgent.Cli.Hosts;

/// <summary>`--profile` and `--region` for the commands that call AWS in-process (ls, config, known-hosts, ssh).</summary>
internal sealed class AwsOptions
{
    public Option<string?> Profile { get; } = new("--profile") { Description = "AWS profile (default: AWS_PROFILE, else the default chain)" };

    public Option<string?> Region { get; } = new("--region") { Description = "AWS region (default: the profile's, else AWS_REGION)" };

    public void AddTo(Command command)
    {
        command.Options.Add(Profile);
        command.Options.Add(Region);
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a scope for the given profile and region; an AWS failure becomes one line
    /// "eic NAME: reason" on stderr and exit code 1. An MFA role session the profile needs is borrowed from the agent at
    /// <paramref name="agentSocket"/> (null: the default), else its code is asked for once (<see cref="MfaRetry"/>).
    /// </summary>
    public async Task<int> RunAsync(
        ParseResult parse, string commandName, Func<AwsScopes, string?, string?, Task<int>> work, string? agentSocket = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        using var scopes = new AwsScopes();
        try
        {
            return await MfaRetry.RunAsync(
                scopes, AwsContext.FromEnvironment(), agentSocket, () => work(scopes, parse.GetValue(Profile), parse.GetValue(Region)), CancellationToken.None);
        }
        catch (Exception exception) when (exception is EicAwsException or MfaPromptException)
        {
            await Console.Error.WriteLineAsync($"eic {commandName}: {UntrustedText.Printable(exception.Message)}");
            return 1;
        }
    }
}
