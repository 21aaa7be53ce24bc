using Amazon.Runtime;

namespace EicAgent.Simulator.Tests;

internal static class CallerCredentials
{
    /// <summary>The SDK credentials of a simulated caller: with its session token when it has one.</summary>
    public static AWSCredentials For(SimulatedCaller caller, string? secretAccessKey = null)
    {
        var secret = secretAccessKey ?? caller.SecretAccessKey;
        return caller.SessionToken is null
            ? new BasicAWSCredentials(caller.AccessKeyId, secret)
            : new SessionAWSCredentials(caller.AccessKeyId, secret, caller.SessionToken);
    }
}
