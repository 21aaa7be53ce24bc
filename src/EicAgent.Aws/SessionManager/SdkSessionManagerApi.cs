using System.Globalization;
using Amazon.SimpleSystemsManagement;
using Amazon.SimpleSystemsManagement.Model;
using EicAgent.Aws.Paths;

namespace EicAgent.Aws.SessionManager;

/// <summary><see cref="ISessionManagerApi"/> over AWSSDK.SimpleSystemsManagement.</summary>
internal sealed class SdkSessionManagerApi(IAmazonSimpleSystemsManagement client) : ISessionManagerApi
{
    public async Task<string?> PingStatusAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await client.DescribeInstanceInformationAsync(
            new DescribeInstanceInformationRequest { Filters = [new InstanceInformationStringFilter { Key = "InstanceIds", Values = [instanceId] }] },
            cancellationToken).ConfigureAwait(false);
        return (response.InstanceInformationList ?? []).FirstOrDefault(i => i.InstanceId == instanceId)?.PingStatus?.Value;
    }

    public async Task<HashSet<string>> OnlineInstancesAsync(CancellationToken cancellationToken)
    {
        var online = new HashSet<string>(StringComparer.Ordinal);
        string? nextToken = null;
        do
        {
            var response = await client.DescribeInstanceInformationAsync(new DescribeInstanceInformationRequest { NextToken = nextToken }, cancellationToken)
                .ConfigureAwait(false);
            online.UnionWith((response.InstanceInformationList ?? []).Where(i => i.PingStatus?.Value == "Online").Select(i => i.InstanceId));
            nextToken = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
        }
        while (nextToken is not null);

        return online;
    }

    public async Task<SessionManagerRoute> StartSshSessionAsync(string instanceId, int port, CancellationToken cancellationToken)
    {
        var response = await client.StartSessionAsync(
            new StartSessionRequest
            {
                Target = instanceId,
                DocumentName = SessionManagerDocument.Name,
                Parameters = new Dictionary<string, List<string>>
                {
                    [SessionManagerDocument.PortParameter] = [port.ToString(CultureInfo.InvariantCulture)],
                },
            },
            cancellationToken).ConfigureAwait(false);
        return Uri.TryCreate(response.StreamUrl, UriKind.Absolute, out var streamUrl) && !string.IsNullOrEmpty(response.SessionId)
            && !string.IsNullOrEmpty(response.TokenValue)
            ? new SessionManagerRoute(response.SessionId, streamUrl, response.TokenValue)
            : throw new InvalidDataException("StartSession answered without a session id, stream URL and token");
    }

    public Task TerminateSessionAsync(string sessionId, CancellationToken cancellationToken) =>
        client.TerminateSessionAsync(new TerminateSessionRequest { SessionId = sessionId }, cancellationToken);

    public void Dispose() => client.Dispose();
}
