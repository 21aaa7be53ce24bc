using System.Globalization;
using EicAgent.Aws.Errors;
using EicAgent.Aws.Scopes;

namespace EicAgent.Aws.Instances;

/// <summary>The rule for picking one instance out of the matches, and the messages when there is none to pick.</summary>
internal static class InstanceChoice
{
    /// <param name="notFoundHint">Added when nothing matched: a mistyped id, the closest names (see <see cref="InstanceSuggestions"/>).</param>
    public static Ec2Instance Choose(string what, IReadOnlyList<Ec2Instance> matches, AwsScopeInfo scope, string? notFoundHint = null)
    {
        var running = matches.Where(instance => instance.IsRunning).ToList();
        switch (running.Count)
        {
            case 1:
                return running[0];
            case > 1:
                throw new EicAwsException(
                    EicAwsErrorKind.Ambiguous,
                    $"{what} matches {running.Count} running instances in {scope.Describe()}: "
                    + string.Join("; ", running.OrderBy(i => i.LaunchTime).Select(Summary))
                    + $"; connect by instance id instead, e.g. `ssh {running[0].InstanceId}`");
        }

        var alive = matches.Where(i => i.State is not (Ec2InstanceState.Terminated or Ec2InstanceState.ShuttingDown)).ToList();
        if (matches.Count == 0)
        {
            throw new EicAwsException(
                EicAwsErrorKind.NotFound,
                $"{what} not found in {scope.Describe()}; check the name, or look in another region or account "
                + "with --region/--profile or a host name like TARGET.PROFILE.REGION.eic" + notFoundHint);
        }

        if (alive.Count == 1 || (alive.Count == 0 && matches.Count == 1))
        {
            throw NotRunning(alive.Count == 1 ? alive[0] : matches[0], scope);
        }

        var states = string.Join(", ", matches.Select(i => $"{i.InstanceId} {StateName(i.State)}"));
        var startable = alive.FirstOrDefault(i => i.State == Ec2InstanceState.Stopped);
        throw new EicAwsException(
            EicAwsErrorKind.NotRunning,
            $"{what} matches no running instance in {scope.Describe()} ({states})"
            + (startable is null ? string.Empty : $"; start one with {StartCommand(startable, scope)}"))
        {
            InstanceId = startable?.InstanceId,
        };
    }

    private static EicAwsException NotRunning(Ec2Instance instance, AwsScopeInfo scope)
    {
        var who = instance.Name is null ? instance.InstanceId : $"{instance.InstanceId} ({instance.Name})";
        var advice = instance.State switch
        {
            Ec2InstanceState.Stopped => $"start it with {StartCommand(instance, scope)}",
            Ec2InstanceState.Stopping => $"wait until it has stopped, then start it with {StartCommand(instance, scope)}",
            Ec2InstanceState.Pending => "it is starting: try again in a moment",
            Ec2InstanceState.ShuttingDown or Ec2InstanceState.Terminated => "a terminated instance cannot be started again",
            _ => "only running instances accept connections",
        };
        return new EicAwsException(
            EicAwsErrorKind.NotRunning, $"instance {who} in {scope.Describe()} is {StateName(instance.State)}: {advice}")
        {
            InstanceId = instance.InstanceId,
        };
    }

    private static string StartCommand(Ec2Instance instance, AwsScopeInfo scope) =>
        $"`aws ec2 start-instances --instance-ids {instance.InstanceId} {scope.CliArguments()}`";

    private static string Summary(Ec2Instance instance) =>
        string.Join(
            ", ",
            new[]
            {
                instance.InstanceId,
                instance.AvailabilityZone,
                instance.LaunchTime?.ToString("'launched 'yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture),
                instance.PrivateIpAddress,
            }.Where(part => part is not null));

    internal static string StateName(Ec2InstanceState state) => state switch
    {
        Ec2InstanceState.ShuttingDown => "shutting-down",
        _ => state.ToString().ToLowerInvariant(),
    };
}
