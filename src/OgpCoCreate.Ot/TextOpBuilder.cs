using System.Collections.Immutable;
using System.Text;

namespace OgpCoCreate.Ot;

/// <summary>
/// Builds a normalized <see cref="TextOp"/> component by component, the way ot-text-unicode's
/// <c>makeAppend</c> + <c>trim</c> do: empty components are dropped, neighbours of the same kind
/// are merged, and a trailing skip is removed. Merging two deletes keeps the deleted text only
/// if both had it (otherwise the result is a number-form delete), exactly as in JS.
/// </summary>
public sealed class TextOpBuilder
{
    private readonly ImmutableArray<TextOpComponent>.Builder _done = ImmutableArray.CreateBuilder<TextOpComponent>();

    // The last component stays open so that runs of inserts or deletes are concatenated once,
    // not re-copied on every merge.
    private TextOpComponentKind _openKind;
    private int _openLength;
    private string? _openText;
    private StringBuilder? _openTextBuilder;

    public TextOpBuilder Skip(int count)
    {
        if (count != 0)
        {
            Append(TextOpComponent.Skip(count));
        }

        return this;
    }

    public TextOpBuilder Insert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length != 0)
        {
            Append(TextOpComponent.Insert(text));
        }

        return this;
    }

    public TextOpBuilder Delete(int count)
    {
        if (count != 0)
        {
            Append(TextOpComponent.Delete(count));
        }

        return this;
    }

    public TextOpBuilder Delete(string deletedText)
    {
        ArgumentNullException.ThrowIfNull(deletedText);
        if (deletedText.Length != 0)
        {
            Append(TextOpComponent.Delete(deletedText));
        }

        return this;
    }

    /// <summary>Appends a component, merging it into the previous one if they are of the same kind.</summary>
    public TextOpBuilder Append(TextOpComponent component)
    {
        if (component.Length <= 0)
        {
            return this;
        }

        if (component.Kind != _openKind)
        {
            CloseOpenComponent();
            _openKind = component.Kind;
            _openLength = component.Length;
            _openText = component.Text;
            return this;
        }

        _openLength = AddLengths(_openLength, component.Length);
        var keepsText = component.Kind == TextOpComponentKind.Insert
            || (component.Text is not null && (_openText is not null || _openTextBuilder is not null));
        if (!keepsText)
        {
            // JS: {d:"ab"} + {d:2} → {d:4}. The invert information is gone for good.
            _openText = null;
            _openTextBuilder = null;
            return this;
        }

        _openTextBuilder ??= new StringBuilder(_openText);
        _openTextBuilder.Append(component.Text);
        _openText = null;
        return this;
    }

    public TextOp Build()
    {
        CloseOpenComponent();
        if (_done.Count > 0 && _done[^1].IsSkip)
        {
            _done.RemoveAt(_done.Count - 1);
        }

        var result = _done.Count == 0 ? TextOp.Empty : new TextOp(_done.ToImmutable());
        _done.Clear();
        return result;
    }

    private void CloseOpenComponent()
    {
        if (_openKind == 0)
        {
            return;
        }

        var text = _openTextBuilder?.ToString() ?? _openText;
        _done.Add(TextOpComponent.Trusted(_openKind, _openLength, text));
        _openKind = 0;
        _openText = null;
        _openTextBuilder = null;
    }

    private static int AddLengths(int a, int b)
    {
        var sum = (long)a + b;
        if (sum > int.MaxValue)
        {
            throw new OtException($"The op is too long: a run of {sum} code points does not fit in a document (the limit is {int.MaxValue}).");
        }

        return (int)sum;
    }
}
