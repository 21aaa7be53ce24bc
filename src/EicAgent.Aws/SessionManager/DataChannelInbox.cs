using System.Threading.Channels;

namespace EicAgent.Aws.SessionManager;

/// <summary>
/// The receiving half: puts output_stream_data back in sequence order (the service may deliver out of order and
/// resend), drops duplicates, and hands each payload on exactly once.
/// </summary>
internal sealed class DataChannelInbox(DataChannelOptions options)
{
    private readonly SortedDictionary<long, SessionMessage> _ahead = [];
    private long _expected;

    /// <summary>In-order payloads of type Output, for the reader; completed at the end of the session.</summary>
    public Channel<ReadOnlyMemory<byte>> Output { get; } = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });

    /// <summary>Whether to acknowledge <paramref name="message"/> (false only when it cannot be kept, so the service resends it).</summary>
    /// <returns>The messages now deliverable, in order.</returns>
    public IReadOnlyList<SessionMessage> Accept(SessionMessage message, out bool acknowledge)
    {
        acknowledge = true;
        if (message.SequenceNumber < _expected)
        {
            return [];
        }

        if (message.SequenceNumber > _expected)
        {
            if (_ahead.Count >= options.MaxOutOfOrder && !_ahead.ContainsKey(message.SequenceNumber))
            {
                acknowledge = false;
                return [];
            }

            _ahead[message.SequenceNumber] = message;
            return [];
        }

        var ready = new List<SessionMessage> { message };
        _expected++;
        while (_ahead.Remove(_expected, out var next))
        {
            ready.Add(next);
            _expected++;
        }

        return ready;
    }
}
