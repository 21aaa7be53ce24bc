using EicAgent.Simulator.Fleet;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// DescribeInstanceStatus: InstanceId.N, IncludeAllInstances (without it only running instances), filters
/// instance-state-name and availability-zone, MaxResults (5-1000, not with InstanceId) / NextToken. A running
/// instance passes both reachability checks (its sshd is up); any other state reports not-applicable.
/// </summary>
internal static class DescribeInstanceStatus
{
    public const string Operation = "DescribeInstanceStatus";

    public static Task HandleAsync(Ec2Call call)
    {
        var parameters = call.Parameters;
        var ids = parameters.List("InstanceId");
        foreach (var id in ids)
        {
            Ec2Errors.CheckInstanceId(id);
        }

        var maxResults = parameters.MaxResults(5, 1000);
        if (maxResults is not null && ids.Count > 0)
        {
            throw new Http.ApiException("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }

        var filters = parameters.Filters();
        foreach (var filter in filters.Where(f => f.Name is not ("instance-state-name" or "availability-zone")))
        {
            throw Ec2Errors.InvalidParameterValue($"The filter '{filter.Name}' is invalid");
        }

        call.Authorize(Operation);
        var missing = ids.Where(id => call.State.FindInstance(id) is null).Distinct().ToArray();
        if (missing.Length > 0)
        {
            throw Ec2Errors.InstancesNotFound(missing);
        }

        var all = parameters.Bool("IncludeAllInstances");
        var matching = call.State.Instances
            .Where(i => ids.Count == 0 || ids.Contains(i.InstanceId))
            .Where(i => all || i.State == InstanceStateName.Running)
            .Where(i => filters.All(f => Wildcard.IsMatchAny(f.Values, f.Name == "availability-zone" ? i.Definition.AvailabilityZone : i.State.ToEc2Name())))
            .ToArray();
        var page = Paging.Page(matching, maxResults, parameters["NextToken"], out var nextToken);
        return call.AnswerAsync(Operation, x =>
        {
            x.Items("instanceStatusSet", page, (item, instance) =>
            {
                item.Value("instanceId", instance.InstanceId).Value("availabilityZone", instance.Definition.AvailabilityZone);
                InstanceXml.State(item, "instanceState", instance.State);
                var status = instance.State == InstanceStateName.Running ? "ok" : "not-applicable";
                var check = instance.State == InstanceStateName.Running ? "passed" : "not-applicable";
                foreach (var name in (string[])["systemStatus", "instanceStatus"])
                {
                    item.Start(name).Value("status", status)
                        .Items("details", [check], (d, passed) => d.Value("name", "reachability").Value("status", passed)).End();
                }

                item.Start("eventsSet").End();
            });
            x.Value("nextToken", nextToken);
        });
    }
}
