using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// DescribeInstances: InstanceId.N, Filter.N (see <see cref="InstanceFilters"/>), MaxResults (5-1000, not with
/// InstanceId) and NextToken. Each instance is its own reservation, so pages count instances as EC2's do.
/// </summary>
internal static class DescribeInstances
{
    public const string Operation = "DescribeInstances";

    public static Task HandleAsync(Ec2Call call)
    {
        var parameters = call.Parameters;
        var ids = parameters.List("InstanceId");
        var filters = parameters.Filters();
        var maxResults = parameters.MaxResults(5, 1000);
        foreach (var id in ids)
        {
            Ec2Errors.CheckInstanceId(id);
        }

        if (maxResults is not null && ids.Count > 0)
        {
            throw new ApiException("InvalidParameterCombination", "The parameter instancesSet cannot be used with the parameter maxResults");
        }

        InstanceFilters.CheckNames(filters);
        call.Authorize(Operation);

        var missing = ids.Where(id => call.State.FindInstance(id) is null).Distinct().ToArray();
        if (missing.Length > 0)
        {
            throw Ec2Errors.InstancesNotFound(missing);
        }

        var matching = call.State.Instances
            .Where(instance => ids.Count == 0 || ids.Contains(instance.InstanceId))
            .Where(instance => InstanceFilters.Matches(instance, filters))
            .Select(instance => new Ec2InstanceView(instance))
            .ToArray();
        var page = Paging.Page(matching, maxResults, parameters["NextToken"], out var nextToken);
        var owner = call.State.Account;
        var groups = call.State.SecurityGroups;
        return call.AnswerAsync(Operation, x =>
        {
            x.Items("reservationSet", page, (r, instance) => r
                .Value("reservationId", $"r-{instance.InstanceId[2..]}")
                .Value("ownerId", owner)
                .Start("groupSet").End()
                .Items("instancesSet", [instance], (i, each) => InstanceXml.Write(i, each, owner, groups)));
            x.Value("nextToken", nextToken);
        });
    }
}
