using EicAgent.Simulator.Http;

namespace EicAgent.Simulator.Ec2;

/// <summary>
/// CreateTags / DeleteTags on instances, so tests and users can give an instance any tag value (EC2 allows any
/// character in its tags). Parameters: ResourceId.N, Tag.N.Key, Tag.N.Value. DeleteTags without a Tag removes
/// every tag; a Tag with a Value removes it only while it has that value. Both answer &lt;return&gt;true&lt;/return&gt;.
/// </summary>
internal static class CreateDeleteTags
{
    public const string Create = "CreateTags";
    public const string Delete = "DeleteTags";

    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 256;
    private const int MaxTagsPerResource = 50;

    public static async Task HandleAsync(Ec2Call call, string operation)
    {
        var ids = call.Parameters.List("ResourceId");
        if (ids.Count == 0)
        {
            throw Ec2Errors.MissingParameter("ResourceId");
        }

        foreach (var id in ids)
        {
            if (!id.StartsWith("i-", StringComparison.Ordinal))
            {
                throw new ApiException("InvalidID", $"The ID '{id}' is not valid");
            }

            Ec2Errors.CheckInstanceId(id);
        }

        var tags = ReadTags(call.Parameters, operation);
        call.Authorize(operation, ids);
        var missing = ids.Where(id => call.State.FindInstance(id) is null).Distinct().ToArray();
        if (missing.Length > 0)
        {
            throw Ec2Errors.InstancesNotFound(missing);
        }

        var instances = ids.Distinct().Select(id => call.State.FindInstance(id)!).ToList();
        if (operation == Create && instances.Any(instance => instance.Tags.Keys.Union(tags.Select(tag => tag.Key)).Count() > MaxTagsPerResource))
        {
            throw new ApiException("TagLimitExceeded", $"The maximum number of Tags for a resource has been reached. Limit: {MaxTagsPerResource}");
        }

        foreach (var instance in instances)
        {
            instance.ChangeTags(current => Apply(current, tags, operation));
        }

        await call.AnswerAsync(operation, x => x.Value("return", true));
    }

    private static void Apply(Dictionary<string, string> current, IReadOnlyList<(string Key, string? Value)> tags, string operation)
    {
        if (operation == Create)
        {
            foreach (var (key, value) in tags)
            {
                current[key] = value ?? "";
            }
        }
        else if (tags.Count == 0)
        {
            current.Clear();
        }
        else
        {
            foreach (var (key, value) in tags)
            {
                if (value is null || (current.TryGetValue(key, out var now) && now == value))
                {
                    current.Remove(key);
                }
            }
        }
    }

    private static IReadOnlyList<(string Key, string? Value)> ReadTags(QueryParameters parameters, string operation)
    {
        var keys = parameters.IndexedValues("Tag", ".Key");
        if (keys.Count == 0 && operation == Create)
        {
            throw Ec2Errors.MissingParameter("Tag");
        }

        var tags = new List<(string Key, string? Value)>();
        foreach (var (index, key) in keys)
        {
            var value = parameters[$"Tag.{index}.Value"];
            if (key.Length == 0 || key.Length > MaxKeyLength)
            {
                throw Ec2Errors.InvalidParameterValue($"Tag key must be between 1 and {MaxKeyLength} characters long, not {key.Length}");
            }

            if (value is { Length: > MaxValueLength })
            {
                throw Ec2Errors.InvalidParameterValue($"Tag value exceeds the maximum length of {MaxValueLength} characters");
            }

            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw Ec2Errors.InvalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
            }

            tags.Add((key, value));
        }

        return tags;
    }
}
