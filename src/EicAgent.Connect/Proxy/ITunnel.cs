namespace EicAgent.Cli.Proxy;

/// <summary>A byte stream to the instance's sshd that can be closed one way (TCP, or an endpoint websocket).</summary>
internal interface ITunnel : IAsyncDisposable
{
    Stream Stream { get; }

    /// <summary>Tells the instance that nothing more will be sent, while still reading what it sends.</summary>
    ValueTask CloseSendAsync(CancellationToken cancellation);
}
