using System.Globalization;
using System.Text;

namespace EicAgent.Simulator.Ec2;

/// <summary>MaxResults/NextToken paging over a result list; the token is opaque to clients (here: the next offset).</summary>
internal static class Paging
{
    public static IReadOnlyList<T> Page<T>(IReadOnlyList<T> all, int? maxResults, string? token, out string? nextToken)
    {
        var offset = token is null ? 0 : Decode(token);
        if (offset > all.Count)
        {
            throw Ec2Errors.InvalidPaginationToken(token!);
        }

        var size = maxResults ?? all.Count;
        var page = all.Skip(offset).Take(size).ToArray();
        nextToken = offset + page.Length < all.Count ? Encode(offset + page.Length) : null;
        return page;
    }

    private static string Encode(int offset) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes("eic-sim-offset:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static int Decode(string token)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("eic-sim-offset:", StringComparison.Ordinal)
                && int.TryParse(text.AsSpan("eic-sim-offset:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
        }

        throw Ec2Errors.InvalidPaginationToken(token);
    }
}
