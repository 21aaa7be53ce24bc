using EicAgent.Agent.Core;
using EicAgent.Agent.Protocol;
using EicAgent.Aws.Errors;
using EicAgent.Aws.InstanceConnect;
using Microsoft.Extensions.Logging;

namespace EicAgent.Cli.Connect;

/// <summary>
/// One SendSSHPublicKey of one minted key and every connection bound to it: the one that pushed it and those that
/// rode on it. The push is cancelled only when all of their agent connections have closed, so a rider is never left
/// without the push it waits for because the first connection went away. With <paramref name="pushesAgain"/>, the
/// same key is pushed again while bound ssh processes are still logging in (<see cref="KeySharingPolicy"/>).
/// </summary>
internal sealed partial class SharedPush(MintedKey key, string instanceId, string user, bool pushesAgain, ILogger logger)
{
    private readonly TaskCompletionSource<PushOutcome> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _cancel = new();
    private readonly Lock _gate = new();
    private readonly List<(ClientBinding Binding, Action<PushOutcome> Report)> _againReports = [];
    private int _openConnections;
    private bool _finished;

    public MintedKey Key { get; } = key;

    /// <summary>"for USER on INSTANCE", for messages.</summary>
    private string Target { get; } = $"for {user} on {instanceId}";

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

    /// <summary>Tells <paramref name="report"/> of each later push of the key made while <paramref name="binding"/> still waited to log in.</summary>
    public void ReportPushesAgain(ClientBinding binding, Action<PushOutcome> report)
    {
        lock (_gate)
        {
            _againReports.Add((binding, report));
        }
    }

    /// <summary>Runs the push (once), then lets ssh's waiting sign requests go ahead or refuses them.</summary>
    public async Task RunAsync(Func<CancellationToken, Task<KeyPushResult>> push, TimeProvider time)
    {
        var outcome = await PushOnceAsync(push, time, "the connection ended before the key was pushed", _cancel.Token).ConfigureAwait(false);
        lock (_gate)
        {
            _finished = true;
            _cancel.Dispose();
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
        if (outcome.Failure is null && pushesAgain)
        {
            await PushAgainWhileLoginsWaitAsync(push, time).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Pushes the key again shortly before it expires while some bound ssh process has not signed its login yet and
    /// its connection is open, at most <see cref="KeySharingPolicy.MaxPushesAgain"/> times; never once the key is
    /// forgotten or a push failed.
    /// </summary>
    private async Task PushAgainWhileLoginsWaitAsync(Func<CancellationToken, Task<KeyPushResult>> push, TimeProvider time)
    {
        for (var again = 0; again < KeySharingPolicy.MaxPushesAgain; again++)
        {
            var due = Key.ExpiresAt - KeySharingPolicy.PushAgainWhenLeft - time.GetUtcNow();
            if (due > TimeSpan.Zero && await Task.WhenAny(Task.Delay(due, time), Key.Outcome).ConfigureAwait(false) == Key.Outcome)
            {
                return;
            }

            if (Key.Outcome.IsCompleted || !Key.AwaitsLogins)
            {
                return;
            }

            List<Action<PushOutcome>> reports;
            lock (_gate)
            {
                reports = [.. _againReports.Where(entry => Key.IsWaiting(entry.Binding)).Select(entry => entry.Report)];
            }

            var started = time.GetUtcNow();
            if (Key.ExpiresAt <= started)
            {
                return;
            }

            // Past the key's expiry in the agent a push would serve nobody.
            using var bounded = new CancellationTokenSource(Key.ExpiresAt - started, time);
            var outcome = await PushOnceAsync(push, time, "the key expired before it was pushed again", bounded.Token).ConfigureAwait(false);
            if (outcome.Failure is null)
            {
                Key.PushedAgain(started);
                LogPushedAgain(logger, Key.Fingerprint, instanceId, user, outcome.RequestId, reports.Count);
            }
            else
            {
                LogPushAgainFailed(logger, Key.Fingerprint, instanceId, user, outcome.Failure);
            }

            reports.ForEach(report => report(outcome));
            if (outcome.Failure is not null)
            {
                return;
            }
        }
    }

    private async Task<PushOutcome> PushOnceAsync(
        Func<CancellationToken, Task<KeyPushResult>> push, TimeProvider time, string whenCancelled, CancellationToken cancellationToken)
    {
        try
        {
            var result = await PushRetry.RunAsync(
                push, time, (attempt, delay) => LogThrottled(logger, instanceId, user, attempt, PushRetry.MaxAttempts, delay.TotalMilliseconds), cancellationToken).ConfigureAwait(false);
            return result.Success
                ? new PushOutcome(result.RequestId, null)
                : new PushOutcome(result.RequestId, $"EC2 Instance Connect did not accept the key {Target} (request {result.RequestId})");
        }
        catch (EicAwsException exception)
        {
            return new PushOutcome(null, exception.Message) { AwsError = exception };
        }
        catch (OperationCanceledException)
        {
            return new PushOutcome(null, whenCancelled) { Cancelled = true };
        }
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

    [LoggerMessage(106, LogLevel.Information, "pushed {Fingerprint} again to {InstanceId} for {User} (request {RequestId}): {Waiting} connections bound to it were still logging in")]
    private static partial void LogPushedAgain(ILogger logger, string fingerprint, string instanceId, string user, string? requestId, int waiting);

    [LoggerMessage(107, LogLevel.Warning, "pushing {Fingerprint} again to {InstanceId} for {User} failed: {Reason}")]
    private static partial void LogPushAgainFailed(ILogger logger, string fingerprint, string instanceId, string user, string reason);

    [LoggerMessage(108, LogLevel.Warning, "AWS throttled SendSSHPublicKey to {InstanceId} for {User} (attempt {Attempt} of {MaxAttempts}); trying again in {DelayMs:0} ms")]
    private static partial void LogThrottled(ILogger logger, string instanceId, string user, int attempt, int maxAttempts, double delayMs);
}
