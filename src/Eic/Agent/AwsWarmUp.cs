using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;
using Microsoft.Extensions.Hosting;

namespace EicAgent.Cli.Agent;

/// <summary>
/// Builds the default AWS scope (credential chain, region, SDK clients) as soon as the agent listens, so that the
/// first connection after an on-demand start does not pay for it. A failure here is not reported: the first
/// connection meets the same problem and reports it to the user.
/// </summary>
internal sealed class AwsWarmUp(AwsScopes scopes) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await scopes.GetAsync(profile: null, region: null, AwsContext.Empty, stoppingToken);
        }
        catch (Exception exception) when (exception is EicAwsException or OperationCanceledException)
        {
            // The scope is not cached when it fails; the next connection builds it again and says what is wrong.
        }
    }
}
