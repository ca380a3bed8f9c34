using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace OgpCoCreate.Traces;

/// <summary>Reads the gzip-compressed JSON and JSON Lines files of the shared trace data.</summary>
public static class GzipJson
{
    public static JsonDocument ReadDocument(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }

    /// <summary>Each non-empty line with its 1-based line number; the caller disposes each document.</summary>
    public static IEnumerable<(int Line, JsonDocument Json)> ReadLines(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length > 0)
            {
                yield return (lineNumber, JsonDocument.Parse(line));
            }
        }
    }
}
