namespace EicAgent.Aws.SessionManager;

/// <summary>
/// The retransmission timeout from measured round trips, as TCP computes it (RFC 6298: smoothed RTT plus four
/// deviations), clamped to the options' bounds and doubled after a resend.
/// </summary>
internal sealed class RoundTrip(DataChannelOptions options)
{
    private double? _smoothed;
    private double _deviation;

    public TimeSpan Timeout { get; private set; } = options.InitialRetransmitTimeout;

    public void Measured(TimeSpan sample)
    {
        var ms = sample.TotalMilliseconds;
        if (_smoothed is not { } smoothed)
        {
            _smoothed = ms;
            _deviation = ms / 2;
        }
        else
        {
            _deviation = (0.75 * _deviation) + (0.25 * Math.Abs(smoothed - ms));
            _smoothed = (0.875 * smoothed) + (0.125 * ms);
        }

        Timeout = Clamp(TimeSpan.FromMilliseconds(_smoothed!.Value + (4 * _deviation)));
    }

    public void BackOff() => Timeout = Clamp(Timeout * 2);

    private TimeSpan Clamp(TimeSpan value) =>
        value < options.MinRetransmitTimeout ? options.MinRetransmitTimeout : value > options.MaxRetransmitTimeout ? options.MaxRetransmitTimeout : value;
}
