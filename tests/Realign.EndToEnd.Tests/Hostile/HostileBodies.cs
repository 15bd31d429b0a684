using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Realign.EndToEnd.Tests.Hostile;

public static class HostileBodies
{
    private static readonly string[] Replacements =
    [
        "null", "true", "-1", "0", "1e400", "-1e400", "99999999999999999999999999999", "-9223372036854775809",
        "1.5", "\"\"", "\"x\"", "[]", "{}", "[[[[[]]]]]", "\"9999-99-99T99:99:99Z\"", "\"2999-01-01T00:00:00Z\"",
        "\"user:desktop\"", "\"ai-cloud:\"", "\"\\u0000\"", "\"\\ud800\"", "NaN", "\"" + new string('a', 5000) + "\"",
    ];

    public static IEnumerable<byte[]> Generate(string validJson, int count, int seed)
    {
        var random = new Random(seed);
        var valid = Encoding.UTF8.GetBytes(validJson);
        for (var i = 0; i < count; i++)
        {
            yield return (i % 12) switch
            {
                0 => Truncate(valid, random),
                1 => FlipByte(valid, random),
                2 => InvalidUtf8(valid, random),
                3 => Encoding.UTF8.GetBytes(ReplaceValue(validJson, random)),
                4 => Encoding.UTF8.GetBytes(ReplaceValue(ReplaceValue(validJson, random), random)),
                5 => Encoding.UTF8.GetBytes(DeepNesting(random)),
                6 => Encoding.UTF8.GetBytes(DuplicateKey(validJson, random)),
                7 => Encoding.UTF8.GetBytes(RemoveMember(validJson, random)),
                8 => Encoding.UTF8.GetBytes(LongString(validJson, random)),
                9 => Garbage(random),
                10 => Encoding.UTF8.GetBytes(AddUnknownMember(validJson, random)),
                _ => Encoding.UTF8.GetBytes(ReplaceValue(validJson, random)),
            };
        }
    }

    public static IEnumerable<string> QueryValues(int seed)
    {
        var random = new Random(seed);
        string[] fixedValues = ["", "-1", "0", "abc", "99999999999999999999999", "1e10", "2026-13-45T00:00:00Z", "%00", "%FF%FE", "null", "[]", "1;DROP TABLE entities", new string('9', 2000)];
        foreach (var value in fixedValues)
        {
            yield return value;
        }

        while (true)
        {
            var bytes = new byte[random.Next(1, 40)];
            random.NextBytes(bytes);
            yield return Uri.EscapeDataString(Encoding.Latin1.GetString(bytes));
        }
    }

    private static byte[] Truncate(byte[] valid, Random random) => valid[..random.Next(0, valid.Length)];

    private static byte[] FlipByte(byte[] valid, Random random)
    {
        var copy = (byte[])valid.Clone();
        copy[random.Next(copy.Length)] = (byte)random.Next(256);
        return copy;
    }

    private static byte[] InvalidUtf8(byte[] valid, Random random)
    {
        byte[][] bad = [[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF]];
        var at = random.Next(valid.Length);
        var insert = bad[random.Next(bad.Length)];
        return [.. valid[..at], .. insert, .. valid[at..]];
    }

    private static string ReplaceValue(string json, Random random)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json)!;
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }

        var paths = new List<(JsonNode Parent, object Key)>();
        Collect(root, paths);
        if (paths.Count == 0)
        {
            return json;
        }

        var (parent, key) = paths[random.Next(paths.Count)];
        const string Marker = "\"__hostile_replacement__\"";
        var replacement = Replacements[random.Next(Replacements.Length)];
        if (parent is JsonObject obj)
        {
            obj[(string)key] = JsonValue.Create("__hostile_replacement__");
        }
        else if (parent is JsonArray array)
        {
            array[(int)key] = JsonValue.Create("__hostile_replacement__");
        }

        try
        {
            return root.ToJsonString().Replace(Marker, replacement, StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            return json;
        }
    }

    private static void Collect(JsonNode node, List<(JsonNode, object)> paths)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    paths.Add((obj, name));
                    if (child is not null)
                    {
                        Collect(child, paths);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    paths.Add((array, i));
                    if (array[i] is { } child)
                    {
                        Collect(child, paths);
                    }
                }

                break;
            default:
                break;
        }
    }

    private static string DeepNesting(Random random)
    {
        var depth = random.Next(65, 20_000);
        var open = random.Next(2) == 0 ? "[" : "{\"a\":";
        var close = open == "[" ? "]" : "}";
        var inner = new StringBuilder().Insert(0, open, depth).Append('1').Insert(0, "{\"batch_id\":\"b\",\"items\":[{\"entity_type\":\"note\",\"payload\":{\"x\":").ToString();
        return inner + new StringBuilder().Insert(0, close, depth) + "}}]}";
    }

    private static string DuplicateKey(string json, Random random)
    {
        var index = json.IndexOf("\"truth_level\":", StringComparison.Ordinal);
        if (index < 0 || random.Next(2) == 0)
        {
            return "{\"batch_id\":\"a\"," + json[1..];
        }

        return json.Insert(index, "\"truth_level\":5,");
    }

    private static string RemoveMember(string json, Random random)
    {
        JsonNode root;
        try
        {
            root = JsonNode.Parse(json)!;
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }

        var objects = new List<JsonObject>();
        void Walk(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                objects.Add(o);
                foreach (var (_, c) in o)
                {
                    Walk(c);
                }
            }
            else if (n is JsonArray a)
            {
                foreach (var c in a)
                {
                    Walk(c);
                }
            }
        }

        Walk(root);
        var target = objects[random.Next(objects.Count)];
        if (target.Count > 0)
        {
            target.Remove(target.ElementAt(random.Next(target.Count)).Key);
        }

        return root.ToJsonString();
    }

    private static string LongString(string json, Random random)
    {
        var size = random.Next(2) == 0 ? 300_000 : 3_000_000;
        return json.Replace("\"x\"", "\"" + new string('x', size) + "\"", StringComparison.Ordinal);
    }

    private static string AddUnknownMember(string json, Random random) =>
        json.Insert(1, $"\"unknown_{random.Next(1000).ToString(CultureInfo.InvariantCulture)}\":1,");

    private static byte[] Garbage(Random random)
    {
        var bytes = new byte[random.Next(0, 200)];
        random.NextBytes(bytes);
        return bytes;
    }
}
