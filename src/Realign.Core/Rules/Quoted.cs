using System.Globalization;
using System.Text;

namespace Realign.Core.Rules;

/// <summary>How a refusal message quotes what the client sent: short, and with invisible characters shown.</summary>
internal static class Quoted
{
    // Shows invisible characters as \uXXXX so a refusal message names the character that made the name invalid.
    public static string Visible(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsControl(c) || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
