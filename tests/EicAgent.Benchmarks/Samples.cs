namespace EicAgent.Benchmarks;

/// <summary>Durations of one measured thing, in milliseconds.</summary>
internal sealed class Samples
{
    private readonly List<double> _milliseconds = [];

    public int Count => _milliseconds.Count;

    public int Failures { get; private set; }

    public void Add(TimeSpan elapsed) => _milliseconds.Add(elapsed.TotalMilliseconds);

    public void AddFailure() => Failures++;

    public double Median => Percentile(0.5);

    public double P95 => Percentile(0.95);

    /// <summary>Nearest-rank percentile; NaN when nothing succeeded.</summary>
    public double Percentile(double fraction)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(fraction * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
