using System.Text.Json.Serialization;

namespace Realign.Web.Review;

/// <summary>Source-generated JSON for the UI's values.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
