namespace EicAgent.Cli.Proxy;

/// <summary>The agent could not be reached or started; the message is one line for the user.</summary>
internal sealed class AgentUnavailableException(string message) : Exception(message);
