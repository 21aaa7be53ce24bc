namespace EicAgent.Benchmarks;

/// <summary>
/// The medians of what the agent logged for some connections: how long the push took, how long ssh took to ask for
/// the key (its handshake, which the push runs alongside), and how long ssh then waited for the push.
/// </summary>
internal sealed record PushFigures(double PushMs, double HandshakeMs, double WaitMs)
{
    public static PushFigures Of(IReadOnlyList<OfferTimings> offers) => new(
        Median(offers.Select(offer => offer.PushMs)),
        Median(offers.Select(offer => offer.AskedAfterMs)),
        Median(offers.Select(offer => offer.WaitMs)));

    private static double Median(IEnumerable<double> values)
    {
        var samples = new Samples();
        foreach (var value in values)
        {
            samples.Add(TimeSpan.FromMilliseconds(value));
        }

        return samples.Median;
    }
}
