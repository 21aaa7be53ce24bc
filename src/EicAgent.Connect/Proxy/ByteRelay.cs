namespace EicAgent.Cli.Proxy;

/// <summary>
/// Carries ssh's bytes between the ProxyCommand's stdin/stdout and the instance, both ways at once.
/// </summary>
/// <remarks>
/// When ssh closes our stdin we half-close the remote side (so the server sees EOF and can finish),
/// and keep copying until the remote side closes: only then is the SSH session over.
/// </remarks>
internal static class ByteRelay
{
    /// <summary>The 65,000-byte websocket frame the AWS CLI uses: one read is one frame through an endpoint.</summary>
    public const int BufferSize = 65_000;

    public static async Task RunAsync(Stream local, Stream localOut, ITunnel remote, CancellationToken cancellation)
    {
        var upstream = CopyThenHalfCloseAsync(local, remote, cancellation);
        await remote.Stream.CopyToAsync(localOut, BufferSize, cancellation).ConfigureAwait(false);
        await localOut.FlushAsync(cancellation).ConfigureAwait(false);

        // The instance has hung up; what ssh still sends has nowhere to go.
        if (!upstream.IsCompleted)
        {
            return;
        }

        await upstream.ConfigureAwait(false);
    }

    private static async Task CopyThenHalfCloseAsync(Stream from, ITunnel to, CancellationToken cancellation)
    {
        await from.CopyToAsync(to.Stream, BufferSize, cancellation).ConfigureAwait(false);
        await to.CloseSendAsync(cancellation).ConfigureAwait(false);
    }
}
