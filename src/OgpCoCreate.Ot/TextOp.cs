using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OgpCoCreate.Ot;

/// <summary>
/// An immutable text-unicode op: a list of components walked over the document from position 0
/// (skip n code points, insert "text", delete n code points or delete "text").
/// A TextOp made through this API is always normalized like ot-text-unicode's <c>normalize</c>:
/// no empty components, no two neighbours of the same kind, no trailing skip. So two ops are equal
/// exactly when their JSON is equal.
/// In JSON (ShareDB's wire format) an op is e.g. <c>[3,"hi",{"d":2}]</c>; see <see cref="Parse"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ogp.ot.TextOp")]
[JsonConverter(typeof(TextOpJsonConverter))]
public sealed class TextOp : IEquatable<TextOp>
{
    /// <summary>The op that changes nothing (JSON <c>[]</c>).</summary>
    public static readonly TextOp Empty = new(ImmutableArray<TextOpComponent>.Empty);

    /// <summary>Use <see cref="TextOpBuilder"/> or the factories; they keep the op normalized.</summary>
    internal TextOp(ImmutableArray<TextOpComponent> components)
    {
        _components = components;
    }

    // A field rather than an auto-property so the getter below can turn a default (null) array,
    // which only a serializer could produce, into an empty one.
    [Id(0)]
    private readonly ImmutableArray<TextOpComponent> _components;

    public ImmutableArray<TextOpComponent> Components =>
        _components.IsDefault ? ImmutableArray<TextOpComponent>.Empty : _components;

    public int Count => Components.Length;

    public TextOpComponent this[int index] => Components[index];

    /// <summary>True for the empty op, which leaves every document unchanged.</summary>
    public bool IsNoop => Count == 0;

    /// <summary>
    /// Code points of the original document that the op walks over (skips + deletes): the document
    /// must be at least this long for the op to apply.
    /// </summary>
    public int BaseLength
    {
        get
        {
            long total = 0;
            foreach (var c in Components)
            {
                if (!c.IsInsert)
                {
                    total += c.Length;
                }
            }

            return (int)Math.Min(total, int.MaxValue);
        }
    }

    /// <summary>How many code points the document grows (positive) or shrinks (negative) by.</summary>
    public long LengthChange
    {
        get
        {
            long change = 0;
            foreach (var c in Components)
            {
                change += c.IsInsert ? c.Length : c.IsDelete ? -c.Length : 0;
            }

            return change;
        }
    }

    /// <summary>Insert <paramref name="text"/> at code point <paramref name="position"/> (JS <c>insert(pos, text)</c>).</summary>
    public static TextOp Insert(int position, string text) => Splice(position, 0, text);

    /// <summary>Delete <paramref name="count"/> code points at <paramref name="position"/> (JS <c>remove(pos, n)</c>).</summary>
    public static TextOp Delete(int position, int count) => Splice(position, count, string.Empty);

    /// <summary>Delete <paramref name="deletedText"/>, which must be found at <paramref name="position"/>; the op is invertible.</summary>
    public static TextOp Delete(int position, string deletedText) =>
        new TextOpBuilder().Skip(position).Delete(deletedText).Build();

    /// <summary>
    /// One splice, like a trace patch <c>[position, deleteCount, insertText]</c> or <c>Array.splice</c>:
    /// remove <paramref name="deleteCount"/> code points at <paramref name="position"/> and insert
    /// <paramref name="insertText"/> there. Written as skip, delete, insert.
    /// </summary>
    public static TextOp Splice(int position, int deleteCount, string insertText)
    {
        ArgumentNullException.ThrowIfNull(insertText);
        if (position < 0)
        {
            throw new OtException($"A splice position must not be negative, but got {position}.");
        }

        if (deleteCount < 0)
        {
            throw new OtException($"A splice delete count must not be negative, but got {deleteCount}.");
        }

        if (deleteCount == 0 && insertText.Length == 0)
        {
            return Empty;
        }

        // Built directly rather than through TextOpBuilder: this is the hot path of trace replay.
        // The array is never exposed or changed after wrapping, so wrapping it without a copy is safe.
        var components = new TextOpComponent[(position > 0 ? 1 : 0) + (deleteCount > 0 ? 1 : 0) + (insertText.Length > 0 ? 1 : 0)];
        var count = 0;
        if (position > 0)
        {
            components[count++] = TextOpComponent.Skip(position);
        }

        if (deleteCount > 0)
        {
            components[count++] = TextOpComponent.Delete(deleteCount);
        }

        if (insertText.Length > 0)
        {
            components[count] = TextOpComponent.Insert(insertText);
        }

        return new TextOp(ImmutableCollectionsMarshal.AsImmutableArray(components));
    }

    /// <summary>Builds a normalized op from any sequence of components (neighbours merged, trailing skip dropped).</summary>
    public static TextOp FromComponents(IEnumerable<TextOpComponent> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var builder = new TextOpBuilder();
        foreach (var c in components)
        {
            builder.Append(c);
        }

        return builder.Build();
    }

    /// <summary>
    /// Parses ShareDB op JSON, e.g. <c>[3,"hi",{"d":2}]</c>. Refuses anything ot-text-unicode would
    /// not produce (booleans, null, fractions, counts ≤ 0, empty strings, objects other than
    /// <c>{"d": …}</c>, counts above <see cref="int.MaxValue"/>) with an <see cref="OtException"/>
    /// whose message says which component is wrong and why. Trailing skips and neighbours of the
    /// same kind are accepted and normalized away.
    /// </summary>
    public static TextOp Parse(string json) => TextOpJsonReader.Parse(json);

    /// <inheritdoc cref="Parse"/>
    public static TextOp FromJson(JsonElement json) => TextOpJsonReader.Read(json);

    /// <summary>The op as compact JSON, byte for byte what <c>JSON.stringify</c> gives for the same op in JS.</summary>
    public string ToJson() => TextOpJsonWriter.Write(this);

    /// <summary>Writes the op as one JSON value, with the same text as <see cref="ToJson"/>.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteRawValue(ToJson(), skipInputValidation: true);
    }

    public bool Equals(TextOp? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (Count != other.Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (!Components[i].Equals(other.Components[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as TextOp);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in Components)
        {
            hash.Add(c);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(TextOp? left, TextOp? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(TextOp? left, TextOp? right) => !(left == right);

    public override string ToString() => ToJson();
}
