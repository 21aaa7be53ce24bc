namespace EicAgent.Simulator.Network;

/// <summary>
/// Runs the two directions of a relay until both ended. A direction that ends cleanly has half-closed its far side,
/// and the other may go on; one that fails (a reset) or is cancelled stops the other too, since nothing more can flow.
/// </summary>
internal static class BothWays
{
    public static async Task RunAsync(Func<CancellationToken, Task> there, Func<CancellationToken, Task> back, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var forth = there(stop.Token);
        var backward = back(stop.Token);
        var first = await Task.WhenAny(forth, backward);
        if (first.IsFaulted || first.IsCanceled)
        {
            await stop.CancelAsync();
        }

        await Task.WhenAll(forth, backward).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
