namespace EicAgent.Simulator;

/// <summary>One AWS API call the simulator answered: for tests that count calls, retries and refusals.</summary>
public sealed record RecordedRequest(
    AwsService Service,
    string Operation,
    string? AccessKeyId,
    int StatusCode,
    string? ErrorCode,
    DateTimeOffset At);
