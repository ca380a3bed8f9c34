using System.Globalization;
using System.Text;

namespace OgpCoCreate.Ot;

/// <summary>
/// Writes ops as compact JSON with JavaScript's <c>JSON.stringify</c> string escaping, so the text
/// is identical to what ot-text-unicode clients send and store. System.Text.Json's encoders escape
/// non-ASCII and HTML characters, which would still be valid JSON but not the same bytes.
/// </summary>
internal static class TextOpJsonWriter
{
    public static string Write(TextOp op)
    {
        var sb = new StringBuilder();
        sb.Append('[');
        for (var i = 0; i < op.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            Append(sb, op[i]);
        }

        sb.Append(']');
        return sb.ToString();
    }

    public static string Write(TextOpComponent component)
    {
        var sb = new StringBuilder();
        Append(sb, component);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, TextOpComponent c)
    {
        switch (c.Kind)
        {
            case TextOpComponentKind.Skip:
                sb.Append(c.Length.ToString(CultureInfo.InvariantCulture));
                break;
            case TextOpComponentKind.Insert:
                AppendString(sb, c.Text!);
                break;
            case TextOpComponentKind.Delete:
                sb.Append("{\"d\":");
                if (c.Text is null)
                {
                    sb.Append(c.Length.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    AppendString(sb, c.Text);
                }

                sb.Append('}');
                break;
            default:
                throw new OtException($"Cannot write a component of unknown kind {(int)c.Kind}.");
        }
    }

    /// <summary>A JSON string literal escaped exactly like ECMAScript's QuoteJSONString.</summary>
    public static void AppendString(StringBuilder sb, string text)
    {
        sb.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ' || (char.IsSurrogate(c) && !IsPairedSurrogate(text, i)))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }

    private static bool IsPairedSurrogate(string text, int i) =>
        char.IsHighSurrogate(text[i])
            ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            : i > 0 && char.IsHighSurrogate(text[i - 1]);
}
