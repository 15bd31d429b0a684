namespace Realign.Core.Merge;

/// <summary>What a write did to one field (<see cref="EntityState.DeletedField"/> for the deleted flag).</summary>
public readonly record struct FieldChange(string Field, FieldMerge Merge);
