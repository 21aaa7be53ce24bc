namespace EicAgent.Simulator.Ec2;

/// <summary>
/// DescribeRegions: the simulator's region alone (it serves only that one), with EC2's endpoint name and opt-in
/// status; RegionName.N and the region-name filter select. AllRegions changes nothing: there are no others here.
/// </summary>
internal static class DescribeRegions
{
    public const string Operation = "DescribeRegions";

    public static Task HandleAsync(Ec2Call call)
    {
        var names = call.Parameters.List("RegionName");
        var filters = call.Parameters.Filters();
        foreach (var filter in filters.Where(f => f.Name is not ("region-name" or "endpoint" or "opt-in-status")))
        {
            throw Ec2Errors.InvalidParameterValue($"The filter '{filter.Name}' is invalid");
        }

        call.Authorize(Operation);
        var region = call.State.Region;
        if (names.FirstOrDefault(name => name != region) is { } other)
        {
            throw new Http.ApiException("InvalidParameterValue", $"Invalid region name: {other} (the simulator serves {region} only)");
        }

        var endpoint = $"ec2.{region}.amazonaws.com";
        var shown = filters.All(f => Wildcard.IsMatchAny(f.Values, f.Name switch
        {
            "region-name" => region,
            "endpoint" => endpoint,
            _ => "opt-in-not-required",
        }));
        return call.AnswerAsync(Operation, x => x.Items("regionInfo", shown ? [region] : Array.Empty<string>(), (item, name) => item
            .Value("regionName", name)
            .Value("regionEndpoint", endpoint)
            .Value("optInStatus", "opt-in-not-required")));
    }
}
