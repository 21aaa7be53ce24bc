namespace EicAgent.Aws.SessionManager;

/// <summary>How hard a <see cref="DataChannel"/> pushes. The defaults keep a few MB in flight rather than one message at a time.</summary>
public sealed record DataChannelOptions
{
    /// <summary>Bytes of ssh's stream per input_stream_data message.</summary>
    public int MaxPayloadBytes { get; init; } = 4096;

    /// <summary>Input messages sent but not yet acknowledged, at most (the service buffers up to 10,000).</summary>
    public int MaxInFlight { get; init; } = 512;

    /// <summary>Resend an unacknowledged message after this long at first; then after the measured round trip allows.</summary>
    public TimeSpan InitialRetransmitTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MinRetransmitTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetransmitTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Give up when a message stays unacknowledged this long, resends included.</summary>
    public TimeSpan GiveUpAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the agent on the instance may take to send its handshake and complete it.</summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Output messages received ahead of a missing one, at most (later ones are dropped unacknowledged, so resent).</summary>
    public int MaxOutOfOrder { get; init; } = 10_000;
}
