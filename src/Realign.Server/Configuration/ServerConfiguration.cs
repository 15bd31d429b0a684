using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Realign.Server.Internal;

namespace Realign.Server.Configuration;

/// <summary>Where a setting's value came from, and what it is (secrets shown as <c>***</c>).</summary>
/// <param name="Key">The key, e.g. <c>RateLimit</c>.</param>
/// <param name="Value">The value in effect, as text; <c>***</c> for a secret that is set; null when unset.</param>
/// <param name="Origin">Where it came from: <c>default</c>, a file's path, an environment variable or an option.</param>
/// <param name="Environment">The environment variable that sets it, e.g. <c>REALIGN_RATE_LIMIT</c>.</param>
public sealed record SettingValue(string Key, string? Value, string Origin, string Environment);

/// <summary>The server's configuration through <c>Microsoft.Extensions.Configuration</c>: an <c>appsettings.json</c> (its
/// <c>Realign</c> section), then the <c>REALIGN_...</c> environment variables, then the command line, each over the one
/// before; bound to <see cref="ServerSettings"/> and checked, so an invalid setting stops the start with one line.</summary>
public static class ServerConfiguration
{
    /// <summary>The section of <c>appsettings.json</c> that holds the settings.</summary>
    public const string Section = "Realign";

    /// <summary>The prefix of the environment variables: <c>REALIGN_RATE_LIMIT</c> sets <c>RateLimit</c>.</summary>
    public const string EnvironmentPrefix = "REALIGN_";

    /// <summary>The file read from the working folder when no other is named (a missing one is no error).</summary>
    public const string DefaultFile = "appsettings.json";

    private static readonly PropertyInfo[] Settings = typeof(ServerSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance);

    /// <summary>The settings' keys, in the documented order.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. Settings.Select(p => p.Name)];

    /// <summary>The environment variable of a key: <c>RateLimit</c> → <c>REALIGN_RATE_LIMIT</c>.</summary>
    public static string EnvironmentName(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = new StringBuilder(EnvironmentPrefix);
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && char.IsUpper(key[i]) && !char.IsUpper(key[i - 1]))
            {
                name.Append('_');
            }

            name.Append(char.ToUpperInvariant(key[i]));
        }

        return name.ToString();
    }

    /// <summary>The description of a key (its line in the documented table).</summary>
    public static string DescriptionOf(string key) =>
        Property(key).GetCustomAttribute<DescriptionAttribute>()?.Description ?? "";

    /// <summary>The default of a key, as text (empty for none).</summary>
    public static string DefaultOf(string key) => Format(Property(key).GetValue(new ServerSettings()));

    /// <summary>Builds the configuration: <paramref name="configFile"/> (or <c>appsettings.json</c> in the working folder
    /// when it exists), the environment, then <paramref name="commandLine"/> (key, the option as written, value).</summary>
    /// <exception cref="InvalidSettingException">A named file that does not exist or is not valid JSON.</exception>
    public static IConfigurationRoot Build(string? configFile, IReadOnlyList<(string Key, string Option, string Value)> commandLine, IDictionary? environment = null)
    {
        ArgumentNullException.ThrowIfNull(commandLine);
        var builder = new ConfigurationBuilder();
        var file = configFile ?? Path.Combine(Directory.GetCurrentDirectory(), DefaultFile);
        if (configFile is not null && !File.Exists(configFile))
        {
            throw new InvalidSettingException("config", "--config", $"the configuration file '{configFile}' does not exist");
        }

        if (File.Exists(file))
        {
            var full = Path.GetFullPath(file);
            builder.Add(new JsonConfigurationSource
            {
                FileProvider = new PhysicalFileProvider(Path.GetDirectoryName(full)!),
                Path = Path.GetFileName(full),
                Optional = false,
                ReloadOnChange = false,
            });
        }

        builder.Add(new NamedValuesConfigurationSource("the environment", FromEnvironment(environment ?? System.Environment.GetEnvironmentVariables())));
        builder.Add(new NamedValuesConfigurationSource("the command line", [.. commandLine.Select(c => ($"{Section}:{c.Key}", c.Option, c.Value))]));
        try
        {
            return builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or System.Text.Json.JsonException)
        {
            throw new InvalidSettingException("config", file, $"cannot read the configuration file '{Path.GetFullPath(file)}': {OneLine(ex.GetBaseException().Message)}");
        }
    }

    /// <summary>Binds <paramref name="configuration"/> to <see cref="ServerSettings"/> and checks every value; the settings
    /// of listening (the URLs, the certificate, the proxies) only when <paramref name="checkListen"/>, as commands that do not
    /// serve (the <c>admin</c> ones) have no options to mend them with.</summary>
    /// <exception cref="InvalidSettingException">The first setting that cannot be used, named with where it came from.</exception>
    public static ServerSettings Load(IConfiguration configuration, bool checkListen = true)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration as IConfigurationRoot;
        CheckUnknownKeys(root);
        var settings = new ServerSettings();
        foreach (var property in Settings)
        {
            var origin = OriginOf(root, property.Name);
            if (origin is null)
            {
                continue;
            }

            var value = Convert(configuration, property, origin);
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateProperty(value, new ValidationContext(settings) { MemberName = property.Name }, results))
            {
                throw Invalid(property.Name, origin, $"{Format(value)} is out of range: {RangeText(property)}");
            }

            property.SetValue(settings, value);
        }

        CheckTogether(root, settings, checkListen);
        return settings;
    }

    /// <summary>Every setting with the value in effect and where it came from.</summary>
    public static IReadOnlyList<SettingValue> Describe(IConfiguration configuration, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var root = configuration as IConfigurationRoot;
        return [.. Settings.Select(p =>
        {
            var value = p.GetValue(settings);
            var text = value is null || (value is string[] { Length: 0 }) ? null
                : p.GetCustomAttribute<SecretAttribute>() is not null ? "***"
                : Format(value);
            return new SettingValue(p.Name, text, OriginOf(root, p.Name) ?? "default", EnvironmentName(p.Name));
        })];
    }

    /// <summary>The server options of <paramref name="settings"/>: <c>SqlitePath</c> or <c>PostgresConnectionString</c> from
    /// <see cref="ServerSettings.Data"/> or <see cref="ServerSettings.Postgres"/>, and the secrets key in <c>Data</c> unless
    /// <see cref="ServerSettings.SecretsKey"/> names one (with PostgreSQL too).</summary>
    public static RealignServerOptions ToOptions(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RealignServerOptions
        {
            Url = settings.Urls,
            SqlitePath = settings.Postgres is null ? Path.Combine(settings.Data, "realign.db") : null,
            PostgresConnectionString = settings.Postgres,
            SecretsKeyFile = settings.SecretsKey ?? Path.Combine(settings.Data, "secrets.key"),
            CertificateFile = settings.Certificate,
            CertificateKeyFile = settings.CertificateKey,
            CertificatePassword = settings.CertificatePassword,
            TrustedProxies = [.. settings.TrustedProxies.Select(IPAddress.Parse)],
            RateLimitPermits = settings.RateLimit == 0 ? int.MaxValue : settings.RateLimit,
            Automations = settings.Automations,
            ReviewUi = settings.ReviewUi,
            MaxRequestBodyBytes = settings.MaxRequestBodyBytes,
            MaxItemsPerBatch = settings.MaxItemsPerBatch,
            MaxPayloadBytes = settings.MaxPayloadBytes,
            DefaultPullLimit = settings.DefaultPullLimit,
            MaxPullLimit = settings.MaxPullLimit,
            AutomationPollInterval = settings.AutomationPollInterval,
            AutomationLease = settings.AutomationLease,
            MinimumLogLevel = settings.LogLevel,
            OtlpEndpoint = settings.OtlpEndpoint is { } otlp ? new Uri(otlp) : null,
            OtlpProtocol = settings.OtlpProtocol,
            MetricsUrl = settings.MetricsUrl,
            Retention = settings.Retention,
            RetentionInterval = settings.RetentionInterval,
        };
    }

    private static List<(string Key, string Name, string Value)> FromEnvironment(IDictionary environment)
    {
        var values = new List<(string, string, string)>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && entry.Value is string value)
            {
                // REALIGN_RATE_LIMIT → Realign:RATELIMIT, which the keys match without regard to case; variables that name
                // no setting (REALIGN_PASSPHRASE and the like, read by other commands) are left alone.
                var key = name[EnvironmentPrefix.Length..].Replace("_", "", StringComparison.Ordinal);
                if (Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    values.Add(($"{Section}:{key}", name, value));
                }
            }
        }

        return values;
    }

    private static void CheckUnknownKeys(IConfigurationRoot? root)
    {
        foreach (var provider in root?.Providers ?? [])
        {
            foreach (var key in provider.GetChildKeys([], Section).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!Keys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    var near = Keys.MinBy(k => Distance(k.ToUpperInvariant(), key.ToUpperInvariant()));
                    var hint = near is not null && Distance(near.ToUpperInvariant(), key.ToUpperInvariant()) <= 3 ? $"; did you mean {near}?" : "";
                    throw Invalid(key, NameOf(provider, $"{Section}:{key}"), $"there is no such setting{hint} (docs/configuration.md lists them)");
                }
            }
        }
    }

    private static object? Convert(IConfiguration configuration, PropertyInfo property, string origin)
    {
        var key = $"{Section}:{property.Name}";
        if (property.PropertyType == typeof(string[]))
        {
            var section = configuration.GetSection(key);
            return section.Value is { } joined
                ? joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : [.. section.GetChildren().Select(c => c.Value ?? "")];
        }

        var text = configuration[key] ?? "";
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string))
        {
            return text.Length == 0 ? null : text;
        }

        try
        {
            var value = TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text.Trim());
            if (type.IsEnum && (value is null || !Enum.IsDefined(type, value) || int.TryParse(text, out _)))
            {
                throw new FormatException();
            }

            return value;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            var expected = type == typeof(int) || type == typeof(long) ? "a whole number"
                : type == typeof(bool) ? "true or false"
                : type == typeof(TimeSpan) ? "a time span such as 00:00:10 (hh:mm:ss)"
                : type.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(type))
                : type.Name;
            throw Invalid(property.Name, origin, $"'{text}' is not {expected}");
        }
    }

    private static void CheckTogether(IConfigurationRoot? root, ServerSettings settings, bool checkListen)
    {
        if (settings.Postgres is not null && OriginOf(root, nameof(ServerSettings.Data)) is { } dataOrigin)
        {
            throw Invalid(nameof(ServerSettings.Data), dataOrigin, $"give Data or Postgres, not both (Postgres is set by {OriginOf(root, nameof(ServerSettings.Postgres))})");
        }

        if (settings.CertificateKey is not null && settings.Certificate is null)
        {
            throw Invalid(nameof(ServerSettings.CertificateKey), OriginOf(root, nameof(ServerSettings.CertificateKey))!, "a certificate key needs its Certificate");
        }

        if (settings.TrustedProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy)
        {
            throw Invalid(nameof(ServerSettings.TrustedProxies), OriginOf(root, nameof(ServerSettings.TrustedProxies))!, $"'{proxy}' is not an IP address");
        }

        if (settings.AutomationLease < 2 * settings.AutomationPollInterval)
        {
            throw Invalid(nameof(ServerSettings.AutomationLease), OriginOf(root, nameof(ServerSettings.AutomationLease)) ?? OriginOf(root, nameof(ServerSettings.AutomationPollInterval)) ?? "default",
                $"{Format(settings.AutomationLease)} must be at least twice AutomationPollInterval ({Format(settings.AutomationPollInterval)})");
        }

        if (settings.DefaultPullLimit > settings.MaxPullLimit)
        {
            throw Invalid(nameof(ServerSettings.DefaultPullLimit), OriginOf(root, nameof(ServerSettings.DefaultPullLimit)) ?? "default", $"{settings.DefaultPullLimit} is more than MaxPullLimit ({settings.MaxPullLimit})");
        }

        if (!checkListen)
        {
            return;
        }

        (IPAddress Address, int Port) listen;
        try
        {
            var checkedUrl = ListenAddress.Check(settings.Urls, settings.Certificate is not null, settings.TrustedProxies.Length > 0);
            listen = (checkedUrl.Address, checkedUrl.Port);
        }
        catch (ArgumentException ex)
        {
            throw Invalid(nameof(ServerSettings.Urls), OriginOf(root, nameof(ServerSettings.Urls)) ?? "default", ex.Message);
        }

        if (settings.MetricsUrl is { } metrics)
        {
            try
            {
                ListenAddress.CheckMetrics(metrics, listen);
            }
            catch (ArgumentException ex)
            {
                throw Invalid(nameof(ServerSettings.MetricsUrl), OriginOf(root, nameof(ServerSettings.MetricsUrl))!, ex.Message);
            }
        }
    }

    private static InvalidSettingException Invalid(string key, string origin, string problem) =>
        new(key, origin, $"{key} (from {origin}): {problem}");

    /// <summary>The name of where <paramref name="key"/>'s value comes from (the last source that has it), or null if none does.</summary>
    private static string? OriginOf(IConfigurationRoot? root, string key)
    {
        var full = $"{Section}:{key}";
        foreach (var provider in (root?.Providers ?? []).Reverse())
        {
            if (provider.TryGet(full, out _) || provider.GetChildKeys([], full).Any())
            {
                return NameOf(provider, full);
            }
        }

        return null;
    }

    private static string NameOf(IConfigurationProvider provider, string key) => provider switch
    {
        NamedValuesConfigurationProvider named => named.NameOf(key) ?? named.Kind,
        JsonConfigurationProvider json when json.Source.FileProvider is PhysicalFileProvider files => Path.Combine(files.Root, json.Source.Path ?? DefaultFile),
        _ => provider.ToString() ?? "configuration",
    };

    private static PropertyInfo Property(string key) =>
        Settings.FirstOrDefault(p => string.Equals(p.Name, key, StringComparison.OrdinalIgnoreCase)) ?? throw new ArgumentException($"no setting {key}", nameof(key));

    private static string RangeText(PropertyInfo property) =>
        property.GetCustomAttribute<RangeAttribute>() is { } range ? $"from {range.Minimum} to {range.Maximum}" : "not allowed";

    private static string Format(object? value) => value switch
    {
        null => "",
        string[] list => string.Join(", ", list),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }
}
