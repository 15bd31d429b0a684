using System.Text.Json;
using Realign.Core.Contract;

namespace Realign.Web.Review;

/// <summary>How a stored JSON value reads on a page.</summary>
public static class Values
{
    /// <summary>A string value's text; other JSON as compact JSON; "" for null.</summary>
    public static string Text(string? json)
    {
        if (json is null || json == "null")
        {
            return "";
        }

        try
        {
            var element = JsonValues.Parse(json);
            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString() ?? "",
                JsonValueKind.Array when element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String) => string.Join(", ", element.EnumerateArray().Select(e => e.GetString())),
                _ => JsonValues.ToCompact(element),
            };
        }
        catch (JsonException)
        {
            return json;
        }
    }

    /// <summary>A value typed into a form as JSON: valid JSON as it is, anything else as a string.</summary>
    public static string FromInput(string input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return JsonValues.ToCompact(JsonValues.Parse(input));
        }
        catch (JsonException)
        {
            return JsonSerializer.Serialize(input, WebJsonContext.Default.String);
        }
    }
}
