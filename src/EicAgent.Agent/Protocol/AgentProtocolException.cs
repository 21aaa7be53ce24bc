using System.Diagnostics.CodeAnalysis;

namespace EicAgent.Agent.Protocol;

/// <summary>A message that does not follow the wire format: truncated, oversized or with a bad value.</summary>
public sealed class AgentProtocolException(string message) : Exception(message)
{
    [DoesNotReturn]
    internal static void Throw(string message) => throw new AgentProtocolException(message);

    [DoesNotReturn]
    internal static void ThrowTruncated(int wanted, int remaining) =>
        throw new AgentProtocolException($"message truncated: wanted {wanted} more bytes, {remaining} left");
}
