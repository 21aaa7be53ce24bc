using EicAgent.Aws.SessionManager;

namespace EicAgent.Cli.Proxy;

/// <summary>A Session Manager <see cref="DataChannel"/> as the byte stream the relay copies; a failed channel is a <see cref="TunnelException"/>.</summary>
internal sealed class DataChannelStream(DataChannel channel) : TunnelStream
{
    private ReadOnlyMemory<byte> _pending;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_pending.IsEmpty)
        {
            try
            {
                _pending = await channel.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DataChannelException error)
            {
                throw new TunnelException(error.Message);
            }
        }

        var count = Math.Min(buffer.Length, _pending.Length);
        _pending[..count].CopyTo(buffer);
        _pending = _pending[count..];
        return count;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            await channel.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (DataChannelException error)
        {
            throw new TunnelException(error.Message);
        }
    }
}
