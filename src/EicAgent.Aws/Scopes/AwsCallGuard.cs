using EicAgent.Aws.Errors;

namespace EicAgent.Aws.Scopes;

/// <summary>Runs one AWS call within <see cref="AwsSettings.CallTimeout"/> and translates whatever it throws.</summary>
internal sealed class AwsCallGuard(TimeSpan callTimeout, TimeProvider time)
{
    public async Task<T> RunAsync<T>(AwsCallContext context, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var bound = new CancellationTokenSource(callTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bound.Token);
        try
        {
            // WaitAsync as well: not every step of the SDK's pipeline (credential providers, say) observes the token.
            return await call(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (bound.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw AwsErrorTranslator.Timeout(context, callTimeout, exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw AwsErrorTranslator.Translate(exception, context);
        }
    }
}
