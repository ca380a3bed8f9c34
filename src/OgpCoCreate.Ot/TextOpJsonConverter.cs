using System.Text.Json;
using System.Text.Json.Serialization;

namespace OgpCoCreate.Ot;

/// <summary>
/// Lets System.Text.Json (ASP.NET Core, SignalR's JSON protocol) read and write <see cref="TextOp"/>
/// in ShareDB's wire format, with the same strict validation as <see cref="TextOp.Parse"/>.
/// </summary>
public sealed class TextOpJsonConverter : JsonConverter<TextOp>
{
    public override TextOp Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        try
        {
            return TextOpJsonReader.Read(document.RootElement);
        }
        catch (OtException e)
        {
            // JsonException is what serializer callers (model binding, hub protocols) expect.
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, TextOp value, JsonSerializerOptions options) => value.WriteTo(writer);
}
