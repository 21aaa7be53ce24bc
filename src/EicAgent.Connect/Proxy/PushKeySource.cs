using EicAgent.Agent.Client;
using EicAgent.Agent.Keys;
using EicAgent.Agent.Protocol;

namespace EicAgent.Cli.Proxy;

/// <summary>
/// Finds the public half of the key `--push-key` names: `SHA256:...` for a key eic's agent lists (its own, or the
/// upstream agent's), or a key file (`KEY.pub`, or `KEY` with its `.pub` beside it). Only the public half is read.
/// </summary>
internal static class PushKeySource
{
    private const string FingerprintPrefix = "SHA256:";

    public static async Task<byte[]> ReadAsync(string spec, AgentClient agent, CancellationToken cancellation)
    {
        if (spec.StartsWith(FingerprintPrefix, StringComparison.Ordinal))
        {
            var identities = await agent.ListIdentitiesAsync(cancellation).ConfigureAwait(false);
            return identities.FirstOrDefault(identity => SshPublicKey.Fingerprint(identity.KeyBlob) == spec)?.KeyBlob
                ?? throw new PushKeyException($"--push-key {spec}: no such key in eic's agent or its upstream agent (`ssh-add -l` lists them)");
        }

        var publicPath = spec.EndsWith(".pub", StringComparison.Ordinal) ? spec : spec + ".pub";
        string line;
        try
        {
            line = await File.ReadAllTextAsync(publicPath, cancellation).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PushKeyException(publicPath == spec
                ? $"--push-key {spec}: cannot read it ({exception.Message})"
                : $"--push-key {spec}: cannot read its public half {publicPath} ({exception.Message}); `ssh-keygen -y -f {spec} > {publicPath}` writes it");
        }

        return ParseLine(line) ?? throw new PushKeyException($"--push-key {spec}: {publicPath} is not an OpenSSH public key line (`ssh-ed25519 AAAA... comment`)");
    }

    /// <summary>The key blob of `TYPE BASE64 [comment]` whose blob names TYPE; null for anything else.</summary>
    private static byte[]? ParseLine(string text)
    {
        var fields = text.Trim().Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2)
        {
            return null;
        }

        var blob = new byte[fields[1].Length];
        if (!Convert.TryFromBase64String(fields[1], blob, out var length) || length < 4)
        {
            return null;
        }

        blob = blob[..length];
        try
        {
            return SshPublicKey.KeyType(blob) == fields[0] ? blob : null;
        }
        catch (AgentProtocolException)
        {
            return null;
        }
    }
}

/// <summary>`--push-key` names no key the proxy can read: the message says which and how to fix it.</summary>
internal sealed class PushKeyException(string message) : Exception(message);
