namespace EicAgent.Cli.Proxy;

/// <summary>The MFA code could not be asked for or was not given: one line for the user.</summary>
internal sealed class MfaPromptException(string message) : Exception(message);
