using EicAgent.Simulator.Signing;
using Microsoft.AspNetCore.Http;

namespace EicAgent.Simulator.Http;

/// <summary>One AWS service on the shared endpoint: which requests are its, how it answers them, how its errors look.</summary>
internal interface IAwsApi
{
    AwsService Service { get; }

    /// <summary>Whether the request addresses this service by its own marks (X-Amz-Target prefix, or Action with this Version).</summary>
    bool Accepts(AwsRequest request);

    /// <summary>The operation the request asks for (Action or the X-Amz-Target suffix), for logs and policies.</summary>
    string Operation(AwsRequest request);

    ApiException AuthenticationError(SignatureFailure failure);

    ApiException ThrottlingError();

    ApiException InternalError();

    Task HandleAsync(ApiCall call);

    Task WriteErrorAsync(HttpResponse response, ApiException error, string requestId);
}

/// <summary>An authenticated call to handle.</summary>
internal sealed record ApiCall(AwsRequest Request, SimulatedCaller Caller, string RequestId, HttpResponse Response)
{
    public CancellationToken Cancellation => Response.HttpContext.RequestAborted;
}
