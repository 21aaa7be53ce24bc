namespace EicAgent.Cli.Sim;

/// <summary>
/// `eic sim -- aws ...`: adds `--endpoint-url` for the AWS CLI, because v2 before 2.13 (Debian 12 ships 2.9) ignores
/// AWS_ENDPOINT_URL* and would call the real AWS. Every CLI version takes the option; one URL serves every service here.
/// </summary>
internal static class AwsCliEndpoint
{
    public static IReadOnlyList<string> Add(IReadOnlyList<string> command, Uri endpoint) =>
        Path.GetFileName(command[0]) == "aws" && !command.Any(a => a == "--endpoint-url" || a.StartsWith("--endpoint-url=", StringComparison.Ordinal))
            ? [.. command, "--endpoint-url", endpoint.GetLeftPart(UriPartial.Authority)]
            : command;
}
