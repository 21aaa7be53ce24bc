using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;

namespace EicAgent.Cli.Connect;

/// <summary>
/// One SendSSHPublicKey of one minted key and every connection bound to it: the one that pushed it and those that
/// rode on it. The push is cancelled only when all of their agent connections have closed, so a rider is never left
/// without the push it waits for because the first connection went away.
/// </summary>
internal sealed class SharedPush
{
    private readonly TaskCompletionSource<PushOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancel = new();
    private readonly Lock _gate = new();
    private int _openConnections;
    private bool _finished;

    public SharedPush(MintedKey key, string instanceId, string user)
    {
        Key = key;
        Target = $"for {user} on {instanceId}";
    }

    public MintedKey Key { get; }

    /// <summary>"for USER on INSTANCE", for messages.</summary>
    private string Target { get; }

    /// <summary>How the push ended; it never throws.</summary>
    public Task<PushOutcome> Outcome => _outcome.Task;

    /// <summary>Counts <paramref name="session"/> among the connections that need this push until it closes.</summary>
    public void Attach(AgentSession session)
    {
        Interlocked.Increment(ref _openConnections);
        session.Closed.Register(() =>
        {
            if (Interlocked.Decrement(ref _openConnections) == 0)
            {
                Cancel();
            }
        });
    }

    /// <summary>Runs the push (once), then lets ssh's waiting sign requests go ahead or refuses them.</summary>
    public async Task RunAsync(Func<CancellationToken, Task<KeyPushResult>> push, TimeProvider time)
    {
        PushOutcome outcome;
        try
        {
            var result = await PushRetry.RunAsync(push, time, _cancel.Token).ConfigureAwait(false);
            outcome = result.Success
                ? new PushOutcome(result.RequestId, null)
                : new PushOutcome(result.RequestId, $"EC2 Instance Connect did not accept the key {Target} (request {result.RequestId})");
        }
        catch (EicAwsException exception)
        {
            outcome = new PushOutcome(null, exception.Message) { AwsError = exception };
        }
        catch (OperationCanceledException)
        {
            outcome = new PushOutcome(null, "the connection ended before the key was pushed") { Cancelled = true };
        }
        finally
        {
            lock (_gate)
            {
                _finished = true;
                _cancel.Dispose();
            }
        }

        if (outcome.Failure is null)
        {
            Key.MarkReady();
        }
        else
        {
            Key.MarkFailed(outcome.Failure);
        }

        _outcome.TrySetResult(outcome);
    }

    private void Cancel()
    {
        lock (_gate)
        {
            if (!_finished)
            {
                _cancel.Cancel();
            }
        }
    }
}

/// <summary>The end of one push: its request id, or why it failed (null when it succeeded).</summary>
internal sealed record PushOutcome(string? RequestId, string? Failure)
{
    public bool Cancelled { get; init; }

    public EicAwsException? AwsError { get; init; }
}
