using System.Text.Json;
using OgpCoCreate.Traces;

namespace OgpCoCreate.Ot.Tests;

/// <summary>
/// The 15,030 golden vectors produced by running ot-text-unicode@4.0.0 (shared/traces/ot-vectors,
/// README section 5). Results are compared as JSON text, so string-form deletes must be kept
/// exactly where JS keeps them and the JSON must be byte-identical.
/// </summary>
public sealed class GoldenVectorTests
{
    private const int MaxReportedFailures = 5;

    [Fact]
    public void Apply_matches_every_apply_vector_for_strings_and_for_the_buffer()
    {
        var count = CheckAll("text-unicode.apply.jsonl.gz", v =>
        {
            var doc = v.GetProperty("doc").GetString()!;
            var op = TextOp.FromJson(v.GetProperty("op"));
            var expected = v.GetProperty("result").GetString()!;

            var applied = TextUnicode.Apply(doc, op);
            var buffer = new CodePointBuffer(doc);
            buffer.Apply(op);
            return applied == expected && buffer.ToString() == expected && buffer.Length == CodePoints.Count(expected)
                ? null
                : $"string apply gave {Json(applied)}, buffer gave {Json(buffer.ToString())}";
        });

        Assert.Equal(3010, count);
    }

    [Fact]
    public void Transform_matches_every_transform_vector_including_string_deletes()
    {
        var count = CheckAll("text-unicode.transform.jsonl.gz", v =>
        {
            var op = TextOp.FromJson(v.GetProperty("op"));
            var other = TextOp.FromJson(v.GetProperty("otherOp"));
            var side = v.GetProperty("side").GetString() switch
            {
                "left" => Side.Left,
                "right" => Side.Right,
                var s => throw new InvalidDataException($"Unknown side {s}"),
            };
            var actual = TextUnicode.Transform(op, other, side).ToJson();
            return actual == v.GetProperty("result").GetRawText() ? null : $"got {actual}";
        });

        Assert.Equal(6020, count);
    }

    [Fact]
    public void Compose_matches_every_compose_vector()
    {
        var count = CheckAll("text-unicode.compose.jsonl.gz", v =>
        {
            var first = TextOp.FromJson(v.GetProperty("op1"));
            var second = TextOp.FromJson(v.GetProperty("op2"));
            var actual = TextUnicode.Compose(first, second).ToJson();
            return actual == v.GetProperty("result").GetRawText() ? null : $"got {actual}";
        });

        Assert.Equal(3000, count);
    }

    [Fact]
    public void TransformPosition_matches_every_cursor_vector()
    {
        var count = CheckAll("text-unicode.transformPosition.jsonl.gz", v =>
        {
            var op = TextOp.FromJson(v.GetProperty("op"));
            var actual = TextUnicode.TransformPosition(v.GetProperty("pos").GetInt32(), op);
            return actual == v.GetProperty("result").GetInt32() ? null : $"got {actual}";
        });

        Assert.Equal(3000, count);
    }

    [Fact]
    public void Every_op_in_the_vectors_round_trips_to_the_same_json_text()
    {
        var count = 0;
        var failures = new List<string>();
        foreach (var path in SharedTraces.Files("ot-vectors", "text-unicode.*.jsonl.gz"))
        {
            foreach (var (line, json) in GzipJson.ReadLines(path))
            {
                using (json)
                {
                    foreach (var property in json.RootElement.EnumerateObject())
                    {
                        if (property.Value.ValueKind != JsonValueKind.Array)
                        {
                            continue;
                        }

                        count++;
                        var raw = property.Value.GetRawText();
                        var written = TextOp.Parse(raw).ToJson();
                        if (written != raw && failures.Count < MaxReportedFailures)
                        {
                            failures.Add($"{Path.GetFileName(path)}:{line} {property.Name}: wrote {written} for {raw}");
                        }
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(count > 20_000, $"only {count} ops found");
    }

    /// <summary>Runs <paramref name="check"/> on every vector (null = pass) and reports the first failures.</summary>
    private static int CheckAll(string fileName, Func<JsonElement, string?> check)
    {
        var count = 0;
        var failed = 0;
        var failures = new List<string>();
        foreach (var (line, json) in GzipJson.ReadLines(SharedTraces.PathOf("ot-vectors", fileName)))
        {
            using (json)
            {
                count++;
                string? problem;
                try
                {
                    problem = check(json.RootElement);
                }
                catch (Exception e) when (e is OtException or InvalidOperationException or ArgumentException)
                {
                    problem = $"threw {e.GetType().Name}: {e.Message}";
                }

                if (problem is null)
                {
                    continue;
                }

                failed++;
                if (failures.Count < MaxReportedFailures)
                {
                    failures.Add($"{fileName}:{line}: {problem}; vector {json.RootElement.GetRawText()}");
                }
            }
        }

        Assert.True(failed == 0, $"{failed} of {count} vectors failed. First ones:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        return count;
    }

    private static string Json(string s) => JsonSerializer.Serialize(s);
}
