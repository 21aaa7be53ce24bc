namespace EicAgent.Aws.SessionManager;

/// <summary>The AWS-owned Session Manager document that forwards a session's bytes to a port on the instance (sshd's).</summary>
public static class SessionManagerDocument
{
    public const string Name = "AWS-StartSSHSession";

    /// <summary>The document's one parameter.</summary>
    public const string PortParameter = "portNumber";
}
