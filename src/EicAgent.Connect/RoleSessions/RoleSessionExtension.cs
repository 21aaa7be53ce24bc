using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using Microsoft.Extensions.Logging;

namespace EicAgent.Cli.RoleSessions;

/// <summary>
/// The agent's half of `role-session@eicagent`: lends an eic command the session an MFA code bought for the caller's
/// assume-role profile (buying it first with the code the command asked the user for), so one code serves ssh, `eic ls`
/// and `eic doctor` alike until the session ends. Lent only to eic itself (<see cref="PeerProgram"/>) on a connection
/// no forwarded agent relays; a profile that needs no code lends nothing, and the command asks AWS itself.
/// </summary>
internal sealed partial class RoleSessionExtension(IAwsScopes scopes, PeerProgram program, ILogger<RoleSessionExtension> logger) : IAgentExtension
{
    public string Name => RoleSessionRequest.ExtensionName;

    public async ValueTask<AgentMessage> HandleAsync(AgentSession session, ReadOnlyMemory<byte> contents, CancellationToken cancellationToken)
    {
        var request = RoleSessionRequest.Read(contents.Span);
        if (session.IsForwarded || !program.IsThisProgram(session.Peer))
        {
            LogRefusedPeer(logger, request.Profile, session.Peer.ToString());
            return RoleSessionReply.Refuse("the agent lends a role session only to eic's own commands on this machine").ToMessage();
        }

        try
        {
            if (request.MfaCode is { } code)
            {
                scopes.OfferMfaCode(request.Context, code);
            }

            var scope = await scopes.GetAsync(request.Profile, request.Region, request.Context, cancellationToken);
            if (await scope.LendMfaRoleSessionAsync() is not { } lent)
            {
                return RoleSessionReply.Nothing($"profile {request.Profile} needs no MFA code").ToMessage();
            }

            LogLent(logger, request.Profile, session.Peer.ToString(), lent.Expires);
            return RoleSessionReply.Lend(lent).ToMessage();
        }
        catch (EicAwsException exception) when (exception is { Kind: EicAwsErrorKind.MfaCodeRequired, MfaSerial: { } serial })
        {
            return RoleSessionReply.AskForMfaCode(serial, exception.Message).ToMessage();
        }
        catch (EicAwsException exception)
        {
            return RoleSessionReply.Refuse(exception.Message).ToMessage();
        }
    }

    [LoggerMessage(150, LogLevel.Information, "lent the MFA role session of profile {Profile} to eic ({Peer}) until {Expires:u}")]
    private static partial void LogLent(ILogger logger, string profile, string peer, DateTimeOffset expires);

    [LoggerMessage(151, LogLevel.Warning, "refused to lend the role session of profile {Profile}: {Peer} is not eic on this machine")]
    private static partial void LogRefusedPeer(ILogger logger, string profile, string peer);
}
