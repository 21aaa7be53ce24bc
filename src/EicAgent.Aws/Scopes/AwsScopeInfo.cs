namespace EicAgent.Aws.Scopes;

/// <summary>Where a scope looks: the profile it was asked for (null: the SDK's default chain) and its region.</summary>
public sealed record AwsScopeInfo(string? Profile, string Region)
{
    /// <summary>"eu-west-1, profile prod" / "eu-west-1, default credentials" -- for messages.</summary>
    public string Describe() => Profile is null ? $"{Region}, {DefaultCredentialsDescription()}" : $"{Region}, profile {Profile}";

    /// <summary>The <c>--region R [--profile P]</c> tail of an AWS CLI command that acts where this scope looks.</summary>
    public string CliArguments() => Profile is null ? $"--region {Region}" : $"--region {Region} --profile {Profile}";

    private static string DefaultCredentialsDescription() =>
        Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } fromEnvironment
            ? $"profile {fromEnvironment} (AWS_PROFILE)"
            : "default credentials";
}
