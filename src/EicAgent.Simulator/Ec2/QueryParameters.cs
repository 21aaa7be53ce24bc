using System.Globalization;

namespace EicAgent.Simulator.Ec2;

/// <summary>An EC2 filter: Filter.N.Name and its values Filter.N.Value.M (values OR-ed, filters AND-ed).</summary>
internal sealed record Ec2Filter(string Name, IReadOnlyList<string> Values);

/// <summary>
/// The parameters of an EC2 query request, with EC2's list encoding:
/// <c>InstanceId.1=i-1&amp;InstanceId.2=i-2&amp;Filter.1.Name=tag:Name&amp;Filter.1.Value.1=web-*</c>.
/// </summary>
internal sealed class QueryParameters(IReadOnlyDictionary<string, string> form)
{
    public string? this[string name] => form.TryGetValue(name, out var value) ? value : null;

    /// <summary>The values of Name.1, Name.2, ... in index order.</summary>
    public IReadOnlyList<string> List(string name) =>
        Indexed(name).OrderBy(x => x.Index).Select(x => form[x.Key]).ToArray();

    /// <summary>The values of Name.1.Suffix, Name.2.Suffix, ... in index order (Suffix starts with a dot).</summary>
    public IReadOnlyList<string> List(string name, string suffix) =>
        Indexed(name, suffix).OrderBy(x => x.Index).Select(x => form[x.Key]).ToArray();

    /// <summary>The indexes N of every Name.N.Suffix present, in order (for lists of structures).</summary>
    public IReadOnlyList<int> Indexes(string name, string suffix) =>
        Indexed(name, suffix).Select(x => x.Index).Distinct().Order().ToArray();

    public IReadOnlyList<Ec2Filter> Filters() =>
        Indexed("Filter", suffix: ".Name").OrderBy(x => x.Index)
            .Select(x => new Ec2Filter(form[x.Key], List($"Filter.{x.Index}.Value")))
            .ToArray();

    /// <summary>Each NAME.N{suffix} as (N, its value), in index order: Tag.1.Key, Tag.2.Key, ...</summary>
    public IReadOnlyList<(int Index, string Value)> IndexedValues(string name, string suffix) =>
        Indexed(name, suffix).OrderBy(x => x.Index).Select(x => (x.Index, form[x.Key])).ToArray();

    public int? Int(string name)
    {
        var value = this[name];
        if (value is null)
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Ec2Errors.InvalidParameterValue($"Invalid value '{value}' for {name}. Expecting an integer.");
    }

    /// <summary>MaxResults, which EC2 accepts only within [<paramref name="min"/>, <paramref name="max"/>], refusing in EC2's words.</summary>
    public int? MaxResults(int min, int max)
    {
        var value = Int("MaxResults");
        return value is null || (value >= min && value <= max)
            ? value
            : throw Ec2Errors.InvalidParameterValue(value < min
                ? $"Value ( {value} ) for parameter maxResults is invalid. Expecting a value greater than {min}."
                : $"Value ( {value} ) for parameter maxResults is invalid. Expecting a value less than {max}.");
    }

    public bool Bool(string name) => string.Equals(this[name], "true", StringComparison.OrdinalIgnoreCase);

    private IEnumerable<(string Key, int Index)> Indexed(string name, string suffix = "")
    {
        var prefix = name + ".";
        foreach (var key in form.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(suffix, StringComparison.Ordinal)
                && int.TryParse(key.AsSpan(prefix.Length, key.Length - prefix.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                yield return (key, index);
            }
        }
    }
}
