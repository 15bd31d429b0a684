using System.Text.Json;
using Realign.Core.Contract;
using Realign.Core.Merge;
using Realign.Core.Truth;

namespace Realign.Storage.Internal;

/// <summary>A register stored as the JSON of a <see cref="RegisterDto"/> (value included), and back.</summary>
internal static class Registers
{
    public static string ToJson(in Register register) => JsonSerializer.Serialize(ToDto(register), RealignJsonContext.Default.RegisterDto);

    public static RegisterDto ToDto(in Register register) => new()
    {
        Value = JsonValues.Parse(register.Value),
        Level = (int)register.Stamp.Level,
        At = UtcMicros.Format(register.Stamp.AtMicros),
        Source = register.Stamp.Origin,
        AcceptedFrom = register.AcceptedFrom,
    };

    public static RegisterDto FromJson(string json) => JsonSerializer.Deserialize(json, RealignJsonContext.Default.RegisterDto)!;
}
