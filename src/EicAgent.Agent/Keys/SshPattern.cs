namespace EicAgent.Agent.Keys;

/// <summary>OpenSSH's `match_pattern`: `*` for any run of characters, `?` for one, everything else literal.</summary>
internal static class SshPattern
{
    public static bool Matches(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        while (!pattern.IsEmpty)
        {
            if (pattern[0] == '*')
            {
                var rest = pattern.TrimStart('*');
                for (var start = 0; start <= text.Length; start++)
                {
                    if (Matches(text[start..], rest))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (text.IsEmpty || (pattern[0] != '?' && pattern[0] != text[0]))
            {
                return false;
            }

            text = text[1..];
            pattern = pattern[1..];
        }

        return text.IsEmpty;
    }
}
