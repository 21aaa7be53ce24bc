using EicAgent.Aws.Tls;

namespace EicAgent.Aws.Scopes;

/// <summary>Where a scope looks: the profile it was asked for (null: the caller's default) and its region.</summary>
public sealed record AwsScopeInfo(string? Profile, string Region)
{
    /// <summary>The caller's AWS_PROFILE, when no profile was named: for messages and the audit.</summary>
    public string? EnvironmentProfile { get; init; }

    /// <summary>The CA bundle that replaces the system's CAs for every connection made for this scope (null: the system's); see <see cref="AwsProfileSettings.CaBundleSourceOf"/>.</summary>
    public CaBundleSource? CaBundle { get; init; }

    /// <summary>The profile in effect: the one named, else the caller's AWS_PROFILE, else "default".</summary>
    public string EffectiveProfile => Profile ?? EnvironmentProfile ?? "default";

    /// <summary>"eu-west-1, profile prod" / "eu-west-1, default credentials" -- for messages.</summary>
    public string Describe() => Profile is null ? $"{Region}, {DefaultCredentialsDescription()}" : $"{Region}, profile {Profile}";

    /// <summary>The <c>--region R [--profile P]</c> tail of an AWS CLI command that acts where this scope looks.</summary>
    public string CliArguments() => Profile is null ? $"--region {Region}" : $"--region {Region} --profile {Profile}";

    private string DefaultCredentialsDescription() =>
        EnvironmentProfile is { Length: > 0 } fromEnvironment ? $"profile {fromEnvironment} (AWS_PROFILE)" : "default credentials";
}
