namespace EicAgent.Agent.Core;

/// <summary>One verified `session-bind@openssh.com`: the server host key and session a connection works for.</summary>
public sealed record SessionBinding(byte[] HostKeyBlob, byte[] SessionId, bool IsForwarding);
