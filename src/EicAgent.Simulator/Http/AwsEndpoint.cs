using System.Diagnostics;
using System.Globalization;
using EicAgent.Simulator.Faults;
using EicAgent.Simulator.Signing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EicAgent.Simulator.Http;

/// <summary>
/// The one endpoint URL all simulated services share (POST /). A request goes to the service its X-Amz-Target or
/// Action+Version names, else to the one its SigV4 credential scope names; then: signature check, injected latency
/// and throttling, the operation, and an answer (or error) in that service's wire format.
/// </summary>
internal sealed partial class AwsEndpoint(
    IReadOnlyList<IAwsApi> apis, SigV4Verifier verifier, FaultInjection faults, SimulatorState state, ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers.Date = state.Clock.GetUtcNow().ToString("r", CultureInfo.InvariantCulture);
        var request = await AwsRequest.ReadAsync(context);
        if (request is null)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var api = Route(request);
        var operation = api.Operation(request);
        string? accessKeyId = null;
        string? errorCode = null;
        try
        {
            if (!verifier.TryVerify(request, api.Service.SigningName(), out var caller, out var failure))
            {
                throw api.AuthenticationError(failure);
            }

            accessKeyId = caller.AccessKeyId;
            var faultsOfService = faults[api.Service];
            if (faultsOfService.Latency > TimeSpan.Zero)
            {
                await Task.Delay(faultsOfService.Latency, context.RequestAborted);
            }

            if (!faultsOfService.TryAdmit())
            {
                throw api.ThrottlingError();
            }

            await api.HandleAsync(new ApiCall(request, caller, requestId, context.Response));
        }
        catch (ApiException error)
        {
            errorCode = error.Name;
            await api.WriteErrorAsync(context.Response, error, requestId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogUnexpected(logger, e, api.Service, operation);
            var error = api.InternalError();
            errorCode = error.Name;
            await api.WriteErrorAsync(context.Response, error, requestId);
        }

        state.Record(new RecordedRequest(api.Service, operation, accessKeyId, context.Response.StatusCode, errorCode, state.Clock.GetUtcNow()));
        LogCall(logger, api.Service, operation, accessKeyId ?? "-", context.Response.StatusCode, errorCode ?? "OK",
            Stopwatch.GetElapsedTime(started).TotalMilliseconds, requestId);
    }

    private IAwsApi Route(AwsRequest request)
    {
        if (apis.FirstOrDefault(api => api.Accepts(request)) is { } addressed)
        {
            return addressed;
        }

        var scope = SigV4Authorization.Read(request, out _)?.ScopeService;
        var scoped = apis.FirstOrDefault(api => api.Service.SigningName() == scope);
        var fallback = request.Header("X-Amz-Target") is null ? AwsService.Ec2 : AwsService.InstanceConnect;
        return scoped ?? apis.First(api => api.Service == fallback);
    }

    [LoggerMessage(1, LogLevel.Information, "{Service} {Operation} by {AccessKeyId}: {Status} {Code} in {Milliseconds:F1} ms (request {RequestId})")]
    private static partial void LogCall(
        ILogger logger, AwsService service, string operation, string accessKeyId, int status, string code, double milliseconds, string requestId);

    [LoggerMessage(2, LogLevel.Error, "{Service} {Operation} failed unexpectedly")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, AwsService service, string operation);
}
