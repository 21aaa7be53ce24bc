using EicAgent.Agent.Protocol;
using EicAgent.Aws.Scopes;
using EicAgent.Cli.Connect;

namespace EicAgent.Cli.RoleSessions;

/// <summary>
/// `role-session@eicagent`: an eic command that runs AWS calls in its own process (ls, doctor, known-hosts, ssh) asks
/// the agent for the session an MFA code already bought for an assume-role profile, so the user types one code per
/// role session, not one per command. <see cref="MfaCode"/> is the code the user typed after the agent asked for one.
/// </summary>
internal sealed record RoleSessionRequest(string Profile, string? Region, string? MfaCode)
{
    public const string ExtensionName = "role-session@eicagent";

    /// <summary>The caller's AWS variables, as for connect@eicagent: the session is the one of this context.</summary>
    public AwsContext Context { get; init; } = AwsContext.Empty;

    /*
     * contents of SSH_AGENTC_EXTENSION "role-session@eicagent":
     * string  the assume-role profile with mfa_serial
     * string  AWS region, "" for the default
     * string  the MFA code the user typed, "" for none (never logged)
     * uint32  n, then n x (string name; string value): the caller's AWS variables
     */
    public byte[] Write()
    {
        using var writer = new SshWriter();
        writer.WriteString(Profile);
        writer.WriteString(Region ?? "");
        writer.WriteString(MfaCode ?? "");
        AwsContextWire.Write(writer, Context);
        return writer.ToArray();
    }

    /// <exception cref="AgentProtocolException">Malformed contents, or no profile.</exception>
    public static RoleSessionRequest Read(ReadOnlySpan<byte> contents)
    {
        var reader = new SshReader(contents);
        var profile = reader.ReadUtf8String();
        var region = reader.ReadUtf8String();
        var code = reader.ReadUtf8String();
        var context = AwsContextWire.Read(ref reader);
        reader.EnsureAtEnd();
        if (string.IsNullOrWhiteSpace(profile))
        {
            throw new AgentProtocolException("role-session@eicagent names no profile");
        }

        return new RoleSessionRequest(profile, region.Length == 0 ? null : region, code.Length == 0 ? null : code) { Context = context };
    }

    /// <summary>Never the code: for logs and test failures.</summary>
    public override string ToString() => $"role session of profile {Profile} in {Region ?? "the default region"} ({Context})";
}
