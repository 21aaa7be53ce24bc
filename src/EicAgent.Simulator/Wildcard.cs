namespace EicAgent.Simulator;

/// <summary>
/// EC2 filter-value (and simulator policy) patterns: '*' matches any run of characters, '?' exactly one,
/// and a backslash makes the next character literal. Matching is case-sensitive, as in EC2.
/// </summary>
internal static class Wildcard
{
    public static bool IsMatch(string pattern, string value) => Match(pattern, 0, value, 0);

    public static bool IsMatchAny(IEnumerable<string> patterns, string? value) =>
        value is not null && patterns.Any(pattern => IsMatch(pattern, value));

    private static bool Match(string pattern, int p, string value, int v)
    {
        while (p < pattern.Length)
        {
            switch (pattern[p])
            {
                case '*':
                    // Try every split point: patterns here are short, so the backtracking stays cheap.
                    for (var rest = v; rest <= value.Length; rest++)
                    {
                        if (Match(pattern, p + 1, value, rest))
                        {
                            return true;
                        }
                    }

                    return false;
                case '?':
                    if (v == value.Length)
                    {
                        return false;
                    }

                    break;
                default:
                    if (pattern[p] == '\\' && p + 1 < pattern.Length)
                    {
                        p++;
                    }

                    if (v == value.Length || pattern[p] != value[v])
                    {
                        return false;
                    }

                    break;
            }

            p++;
            v++;
        }

        return v == value.Length;
    }
}
