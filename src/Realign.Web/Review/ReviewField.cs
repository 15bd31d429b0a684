using Realign.Core.Truth;

namespace Realign.Web.Review;

/// <summary>One field as shown: its visible value and the register that wrote it.</summary>
/// <param name="Name">The field.</param>
/// <param name="ValueJson">The value (JSON), or null when locked (encrypted and not readable here).</param>
/// <param name="Level">The level that wrote it.</param>
/// <param name="Origin">Who wrote it.</param>
/// <param name="AtMicros">When.</param>
/// <param name="AcceptedFrom">The lower origin a user accepted it from, if any.</param>
/// <param name="CanUndo">True when the accept of this value can be undone here.</param>
public sealed record ReviewField(string Name, string? ValueJson, TruthLevel Level, string Origin, long AtMicros, string? AcceptedFrom, bool CanUndo = false);
