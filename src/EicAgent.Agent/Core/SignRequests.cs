using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>SIGN_REQUEST (13) for the user's keys and for minted keys, each with its own rules.</summary>
internal sealed class SignRequests(KeyRing keys, AgentServerOptions options, ILogger logger)
{
    private const string Request = "sign";

    private readonly UpstreamAgent? _upstream = UpstreamAgent.For(options, logger);

    public async ValueTask<AgentMessage> SignAsync(AgentSession session, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var request = SignRequest.Read(body.Span);
        if (keys.FindMintedKey(request.KeyBlob) is { } minted)
        {
            return await SignWithMintedKeyAsync(session, minted, request, cancellationToken);
        }

        if (keys.FindUserKey(request.KeyBlob) is not { } identity)
        {
            return _upstream is null ? logger.Refuse(session, Request, "no such key") : await SignUpstreamAsync(session, request, cancellationToken);
        }

        // As OpenSSH does: a connection bound for authentication signs only for that session.
        if (UserAuthRequest.TryRead(request.Data, out var auth) && !session.MayAuthenticate(auth))
        {
            return logger.Refuse(session, Request, "the data to sign is for another session or host than the one this connection is bound to");
        }

        if (identity.Destinations.Count > 0 && DestinationPermission.CheckSignature(identity, session, request.Data, keys.Time.GetUtcNow()) is { } refused)
        {
            return logger.Refuse(session, Request, $"{identity.Key.Fingerprint}: {refused}");
        }

        if (identity.ConfirmEachUse && !await options.Confirmation.AskAsync(ConfirmationQuestion(identity), cancellationToken))
        {
            return logger.Refuse(session, Request, $"{identity.Key.Fingerprint}: use not confirmed at the askpass prompt");
        }

        var signature = identity.Key.Sign(request.Data, request.Flags);
        AgentLog.Signed(logger, session.ConnectionId, identity.Key.Fingerprint);
        return SignResponse.Create(signature);
    }

    /// <summary>A key eic does not hold may be the upstream agent's: it decides, under its own rules.</summary>
    private async ValueTask<AgentMessage> SignUpstreamAsync(AgentSession session, SignRequest request, CancellationToken cancellationToken)
    {
        if (await _upstream!.SignAsync(session, request, cancellationToken) is not { } signature)
        {
            return logger.Refuse(session, Request, $"no such key here, and the upstream agent did not sign with {SshPublicKey.Fingerprint(request.KeyBlob)}");
        }

        AgentLog.Signed(logger, session.ConnectionId, SshPublicKey.Fingerprint(request.KeyBlob) + " (upstream)");
        return SignResponse.Create(signature);
    }

    private static string ConfirmationQuestion(UserIdentity identity) =>
        $"Allow use of key {identity.Comment}?\nKey fingerprint {identity.Key.Fingerprint}.";

    private async ValueTask<AgentMessage> SignWithMintedKeyAsync(
        AgentSession session, MintedKey minted, SignRequest request, CancellationToken cancellationToken)
    {
        if (!minted.Bindings.IsBound(session.Peer))
        {
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint} is bound to {minted.Binding} (and its riders), not to this peer");
        }

        if (session.IsForwarded)
        {
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint} is never used through a forwarded agent");
        }

        if (session.OfferedMintedKey is { } offered && offered != minted)
        {
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint} is not the one offered on this connection");
        }

        if (!UserAuthRequest.TryRead(request.Data, out var auth))
        {
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint} signs only SSH user authentication requests");
        }

        if (auth.User != minted.OsUser)
        {
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint} is for user {minted.OsUser}, not {auth.User}");
        }

        if (!session.MayAuthenticate(auth))
        {
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint}: the data to sign is for another session or host than the bound one");
        }

        AgentLog.WaitingForPush(logger, session.ConnectionId, minted.Fingerprint);
        if (await minted.WaitForPushAsync(options.MintedKeyReadyTimeout, keys.Time, cancellationToken) is { } failure)
        {
            keys.Forget(minted, MintedKeyOutcome.Failed);
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint}: {failure}");
        }

        if (keys.FindMintedKey(request.KeyBlob) is null)
        {
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint} expired while its push was pending");
        }

        // Once per bound process: a second signature for the same ssh process is refused, as when a key served one.
        if (keys.SignOnce(minted, session.Peer, request.Data, request.Flags) is not { } signature)
        {
            return logger.Refuse(session, Request, $"minted key {minted.Fingerprint} was used by this ssh process already, or is gone");
        }

        AgentLog.MintedKeySigned(logger, session.ConnectionId, minted.Fingerprint, minted.OsUser);
        return SignResponse.Create(signature);
    }
}
