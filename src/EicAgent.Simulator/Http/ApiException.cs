namespace EicAgent.Simulator.Http;

/// <summary>An error answer in the service's own terms: its code (for JSON services the full __type), message and HTTP status.</summary>
internal sealed class ApiException(string code, string message, int statusCode = 400) : Exception(message)
{
    public string Code { get; } = code;

    /// <summary>The error's name without a JSON service's namespace (com.amazonaws.ec2.instanceconnect#AuthException -> AuthException).</summary>
    public string Name => Code[(Code.IndexOf('#', StringComparison.Ordinal) + 1)..];

    public int StatusCode { get; } = statusCode;
}
