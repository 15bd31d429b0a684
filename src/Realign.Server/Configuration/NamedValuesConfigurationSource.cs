using Microsoft.Extensions.Configuration;

namespace Realign.Server.Configuration;

/// <summary>Configuration values that remember where each came from (an environment variable's or an option's name), so an
/// invalid setting can be named as the operator wrote it.</summary>
internal sealed class NamedValuesConfigurationSource(string kind, IReadOnlyList<(string Key, string Name, string Value)> values) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new NamedValuesConfigurationProvider(kind, values);
}

/// <summary>The provider of <see cref="NamedValuesConfigurationSource"/>.</summary>
internal sealed class NamedValuesConfigurationProvider : ConfigurationProvider
{
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    public NamedValuesConfigurationProvider(string kind, IReadOnlyList<(string Key, string Name, string Value)> values)
    {
        Kind = kind;
        foreach (var (key, name, value) in values)
        {
            Data[key] = value;
            _names[key] = name;
        }
    }

    /// <summary>What the values are, e.g. "the environment" or "the command line".</summary>
    public string Kind { get; }

    /// <summary>The name the operator wrote for <paramref name="key"/> (e.g. <c>REALIGN_RATE_LIMIT</c> or <c>--rate-limit</c>).</summary>
    public string? NameOf(string key) => _names.GetValueOrDefault(key);
}
