namespace EicAgent.Cli.Proxy;

/// <summary>The path to the instance could not be opened; the message is one line for the user.</summary>
internal sealed class TunnelException(string message) : Exception(message);
