namespace EicAgent.Testing;

/// <summary>
/// The real time plus an offset a test can move forward: expire a 60-second key window without waiting, while
/// signatures made by real SDKs (with the real time) stay within AWS's 5-minute tolerance.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
