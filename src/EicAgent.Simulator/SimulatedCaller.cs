namespace EicAgent.Simulator;

/// <summary>
/// An AWS identity the simulator knows: the credentials it accepts and who STS GetCallerIdentity says they belong to.
/// With <see cref="SessionToken"/> set, requests must carry it in X-Amz-Security-Token (temporary credentials).
/// </summary>
public sealed record SimulatedCaller(
    string AccessKeyId,
    string SecretAccessKey,
    string Arn,
    string UserId,
    string? SessionToken = null)
{
    /// <summary>The identity `eic sim` and the tests use unless told otherwise.</summary>
    public static SimulatedCaller Default { get; } = new(
        "AKIAEICSIMULATOR0001",
        "eic-simulator-secret-access-key-0000001",
        "arn:aws:iam::123456789012:user/eic-sim",
        "AIDAEICSIMULATOR00001");

    /// <summary>The account id, the fifth field of the ARN (arn:aws:iam::ACCOUNT:user/NAME).</summary>
    public string Account => Arn.Split(':') is { Length: > 5 } fields ? fields[4] : "";
}
