namespace EicAgent.Simulator;

/// <summary>
/// One AWS API call the simulator answered: for tests that count calls, retries and refusals. <see cref="ErrorCode"/>
/// is null on success, else the error's name (RequestLimitExceeded, ThrottlingException, AuthException...).
/// </summary>
public sealed record RecordedRequest(
    AwsService Service,
    string Operation,
    string? AccessKeyId,
    int StatusCode,
    string? ErrorCode,
    DateTimeOffset At);
