using EicAgent.Aws.Errors;

namespace EicAgent.Cli.Connect;

/// <summary>The end of one push: its request id, or why it failed (null when it succeeded).</summary>
internal sealed record PushOutcome(string? RequestId, string? Failure)
{
    public bool Cancelled { get; init; }

    public EicAwsException? AwsError { get; init; }
}
