using System.Globalization;
using System.Text;

namespace EicAgent.Cli.Untrusted;

/// <summary>
/// Text from AWS or an instance (tags, DNS names, console output, error messages) made safe to show: every control
/// character (C0, DEL, C1), Unicode format character (bidi overrides, zero-width) and line or paragraph separator
/// becomes a visible escape (\n, \r, \t, \e, \x7f, \u2028), so it can neither move the cursor, change the terminal's
/// title or colours, nor start a new line in a file. A lone surrogate is escaped too. Backslashes stay as they are:
/// the result is for people to read, not to parse back.
/// </summary>
internal static class UntrustedText
{
    public static string Printable(string? text)
    {
        if (string.IsNullOrEmpty(text) || !NeedsEscaping(text))
        {
            return text ?? "";
        }

        var result = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (IsUnsafe(c))
            {
                result.Append(Escape(c));
            }
            else
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }

    /// <summary>Whether <paramref name="text"/> holds anything <see cref="Printable"/> would change.</summary>
    public static bool NeedsEscaping(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                i++;
            }
            else if (IsUnsafe(text[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUnsafe(char c) => char.IsSurrogate(c) || char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static string Escape(char c) => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\u001b' => "\\e",
        < '\u0100' => $"\\x{(int)c:x2}",
        _ => $"\\u{(int)c:x4}",
    };
}
