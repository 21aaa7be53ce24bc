using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// StartInstances / StopInstances. The answer shows EC2's transition states (pending / stopping), but the change is
/// complete when it is sent: a started instance's sshd already listens, a stopped one's is gone. Deterministic for tests.
/// </summary>
internal static class StartStopInstances
{
    public const string Start = "StartInstances";
    public const string Stop = "StopInstances";

    public static async Task HandleAsync(Ec2Call call, string operation)
    {
        var ids = call.Parameters.List("InstanceId");
        if (ids.Count == 0)
        {
            throw Ec2Errors.MissingParameter("InstanceId");
        }

        foreach (var id in ids)
        {
            Ec2Errors.CheckInstanceId(id);
        }

        call.Authorize(operation, ids);
        var missing = ids.Where(id => call.State.FindInstance(id) is null).Distinct().ToArray();
        if (missing.Length > 0)
        {
            throw Ec2Errors.InstancesNotFound(missing);
        }

        var changes = new List<(string Id, InstanceStateName Current, InstanceStateName Previous)>();
        foreach (var instance in ids.Distinct().Select(id => call.State.FindInstance(id)!))
        {
            // Callers must not be able to cancel half a transition.
            var previous = operation == Start
                ? await instance.StartAsync(CancellationToken.None)
                : await instance.StopAsync(CancellationToken.None);
            var current = (operation, previous) switch
            {
                (Start, InstanceStateName.Running) => InstanceStateName.Running,
                (Start, _) => InstanceStateName.Pending,
                (_, InstanceStateName.Stopped) => InstanceStateName.Stopped,
                _ => InstanceStateName.Stopping,
            };
            changes.Add((instance.InstanceId, current, previous));
        }

        await call.AnswerAsync(operation, x => x.Items("instancesSet", changes, (item, change) =>
        {
            item.Value("instanceId", change.Id);
            InstanceXml.State(item, "currentState", change.Current);
            InstanceXml.State(item, "previousState", change.Previous);
        }));
    }
}
