using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol;
using EicAgent.Agent.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace EicAgent.Agent.Core;

/// <summary>Listing, adding and removing identities (11, 17, 25, 18, 19 and the legacy 9).</summary>
internal sealed class IdentityRequests(KeyRing keys, AgentServerOptions options, ILogger logger)
{
    private readonly UpstreamAgent? _upstream = UpstreamAgent.For(options, logger);

    /// <summary>
    /// The user's keys, preceded by at most one minted key: the one bound to this very peer, and never through a
    /// forwarded agent. It goes first because every refused offer counts against the server's MaxAuthTries.
    /// The answer waits for the minted key's push: ssh first offers a key to sshd without a signature, and sshd
    /// looks it up on the instance then, so a key offered before its push lands would be refused.
    /// </summary>
    public async ValueTask<AgentMessage> ListAsync(AgentSession session, CancellationToken cancellationToken)
    {
        var identities = new List<PublicIdentity>();
        if (MintedKeyToOffer(session) is { } minted)
        {
            minted.Asked(session.Peer);
            var askedAfter = minted.Age;
            var waitStarted = keys.Time.GetTimestamp();
            if (!minted.Readiness.IsCompleted)
            {
                AgentLog.WaitingForPush(logger, session.ConnectionId, minted.Fingerprint);
            }

            if (await minted.WaitForPushAsync(options.MintedKeyReadyTimeout, keys.Time, cancellationToken) is { } notReady)
            {
                logger.Refuse(session, "offer minted key", $"{minted.Fingerprint}: {notReady}");
            }
            else if (options.Handover is { } handover && await handover.TryHandOverAsync(minted, session, cancellationToken))
            {
                // ssh reads the key from its key file and signs at once; any key listed here would be offered
                // first and cost the instance a lookup of its own.
                AgentLog.MintedKeyFileMade(
                    logger, session.ConnectionId, minted.Fingerprint, minted.Binding.ProcessId, Milliseconds(askedAfter), Milliseconds(minted.PushDuration),
                    Milliseconds(keys.Time.GetElapsedTime(waitStarted)));
                return IdentitiesAnswer.Create([]);
            }
            else
            {
                identities.Add(new PublicIdentity(minted.Key.PublicKeyBlob, $"eic {minted.OsUser}"));
                AgentLog.MintedKeyOffered(
                    logger, session.ConnectionId, minted.Fingerprint, session.Peer.ProcessId ?? minted.Binding.ProcessId, Milliseconds(askedAfter), Milliseconds(minted.PushDuration),
                    Milliseconds(keys.Time.GetElapsedTime(waitStarted)));
            }
        }

        var now = keys.Time.GetUtcNow();
        identities.AddRange(keys.UserKeys()
            .Where(identity => identity.HiddenFrom(session, now) is null)
            .Select(identity => new PublicIdentity(identity.Key.PublicKeyBlob, identity.Comment)));
        if (_upstream is not null)
        {
            var upstream = await _upstream.ListAsync(session, cancellationToken);
            identities.AddRange(upstream.Where(theirs => !identities.Exists(ours => ours.KeyBlob.AsSpan().SequenceEqual(theirs.KeyBlob))));
        }

        return IdentitiesAnswer.Create(identities);
    }

    public AgentMessage Add(AgentSession session, ReadOnlySpan<byte> body, bool constrained)
    {
        const string request = "add identity";
        using var add = AddIdentityRequest.Read(body, constrained);
        if (add.Constraints.Confirm && options.Confirmation.Unavailable is { } noPrompt)
        {
            return logger.Refuse(session, request, noPrompt);
        }

        if (add.Constraints.Unsupported.Count > 0)
        {
            return logger.Refuse(session, request, $"unsupported constraint {string.Join(", ", add.Constraints.Unsupported)}");
        }

        var lifetime = add.Constraints.LifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.DefaultKeyLifetime;
        keys.Add(AgentKeyImporter.Import(add.Key), add.Comment, lifetime, add.Constraints);
        return AgentMessage.Success;
    }

    public AgentMessage Remove(AgentSession session, ReadOnlySpan<byte> body)
    {
        var keyBlob = RemoveIdentityRequest.Read(body);
        if (keys.FindUserKey(keyBlob)?.HiddenFrom(session, keys.Time.GetUtcNow()) is { } hidden)
        {
            return logger.Refuse(session, "remove identity", $"{SshPublicKey.Fingerprint(keyBlob)}: {hidden}");
        }

        if (!keys.RemoveUserKey(keyBlob))
        {
            return logger.Refuse(session, "remove identity", $"no key {SshPublicKey.Fingerprint(keyBlob)}");
        }

        AgentLog.UserKeyRemoved(logger, SshPublicKey.Fingerprint(keyBlob));
        return AgentMessage.Success;
    }

    /// <summary>Removes the user's keys; minted keys belong to connections in flight and stay.</summary>
    public AgentMessage RemoveAll()
    {
        AgentLog.UserKeysRemoved(logger, keys.RemoveAllUserKeys());
        return AgentMessage.Success;
    }

    private MintedKey? MintedKeyToOffer(AgentSession session)
    {
        if (session.IsForwarded)
        {
            return null;
        }

        if (session.OfferedMintedKey is { } offered)
        {
            // Once offered, a connection sees that key or none: never a second one.
            return keys.FindMintedKey(offered.Key.PublicKeyBlob) is null ? null : offered;
        }

        if (keys.MintedKeyFor(session.Peer) is not { } minted)
        {
            return null;
        }

        session.OfferedMintedKey = minted;
        return minted;
    }

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;
}
