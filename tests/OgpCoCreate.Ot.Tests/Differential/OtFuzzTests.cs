using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Xunit.Abstractions;

namespace OgpCoCreate.Ot.Tests.Differential;

/// <summary>
/// Differential fuzzing against the real ot-text-unicode@4.0.0 running in node: thousands of
/// random cases from a fixed seed, every result compared as exact JSON text.
/// Set OGP_FUZZ_SEED / OGP_FUZZ_CASES to explore other seeds locally.
/// </summary>
public sealed class OtFuzzTests(ITestOutputHelper output)
{
    private const int DefaultSeed = 20_251_126;
    private const int DefaultCases = 3000;

    private static readonly JsonWriterOptions CaseWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    [Trait("Category", "Fuzz")]
    public void Every_result_matches_the_npm_package_on_random_cases()
    {
        var seed = ReadSetting("OGP_FUZZ_SEED", DefaultSeed);
        var caseCount = ReadSetting("OGP_FUZZ_CASES", DefaultCases);
        var cases = GenerateCases(seed, caseCount);

        var fuzzFolder = NodeOracle.FuzzFolder();
        NodeOracle.EnsureInstalled(fuzzFolder);
        var results = NodeOracle.Evaluate(fuzzFolder, cases.Select(c => c.Json).ToList());

        Assert.True(results.Length == cases.Count, $"The oracle answered {results.Length} of {cases.Count} cases (seed {seed}).");
        var failures = 0;
        string? firstFailure = null;
        for (var i = 0; i < cases.Count; i++)
        {
            using var expected = JsonDocument.Parse(results[i]);
            var problem = Compare(cases[i], expected.RootElement);
            if (problem is null)
            {
                continue;
            }

            failures++;
            firstFailure ??= $"seed {seed}, case {i}: {problem}{Environment.NewLine}case: {cases[i].Json}{Environment.NewLine}js:   {results[i]}";
        }

        output.WriteLine($"Differential fuzz: {cases.Count} cases, seed {seed}, {failures} mismatches.");
        Assert.True(failures == 0, $"{failures} of {cases.Count} cases differ from ot-text-unicode. First: {firstFailure}");
    }

    private static List<FuzzCase> GenerateCases(int seed, int count)
    {
        var random = new RandomEdits(seed);
        var cases = new List<FuzzCase>(count);
        for (var id = 0; id < count; id++)
        {
            var doc = random.Document();
            var a = random.Op(doc);
            var b = random.Op(doc);
            var c = random.Op(TextUnicode.Apply(doc, a));
            var position = random.Next(CodePoints.Count(doc) + 1);
            var raw = random.RawComponents();
            cases.Add(new FuzzCase(id, doc, a, b, c, position, raw, ToJsonLine(id, doc, a, b, c, position, raw)));
        }

        return cases;
    }

    /// <summary>Null if C# gives exactly what JS gave for this case, else what differs.</summary>
    private static string? Compare(FuzzCase c, JsonElement js)
    {
        if (js.TryGetProperty("error", out var error))
        {
            return $"JS threw: {error.GetString()}";
        }

        try
        {
            var applyA = TextUnicode.Apply(c.Doc, c.A);
            var buffer = new CodePointBuffer(c.Doc);
            buffer.Apply(c.A);
            var invertible = TextUnicode.MakeInvertible(c.A, c.Doc);
            var actual = new (string Name, string Actual)[]
            {
                ("applyA", JsonSerializer.Serialize(applyA)),
                ("applyB", JsonSerializer.Serialize(TextUnicode.Apply(c.Doc, c.B))),
                ("transformLeft", TextUnicode.Transform(c.A, c.B, Side.Left).ToJson()),
                ("transformRight", TextUnicode.Transform(c.A, c.B, Side.Right).ToJson()),
                ("transformOtherLeft", TextUnicode.Transform(c.B, c.A, Side.Left).ToJson()),
                ("transformOtherRight", TextUnicode.Transform(c.B, c.A, Side.Right).ToJson()),
                ("compose", TextUnicode.Compose(c.A, c.C).ToJson()),
                ("transformPosition", TextUnicode.TransformPosition(c.Position, c.A).ToString(CultureInfo.InvariantCulture)),
                ("makeInvertible", invertible.ToJson()),
                ("invert", TextUnicode.Invert(invertible).ToJson()),
                ("stripInvertible", TextUnicode.StripInvertible(c.A).ToJson()),
                ("isInvertible", TextUnicode.IsInvertible(c.A) ? "true" : "false"),
                ("normalize", TextUnicode.Normalize(c.Raw).ToJson()),
            };

            foreach (var (name, value) in actual)
            {
                var expected = name is "applyA" or "applyB"
                    ? JsonSerializer.Serialize(js.GetProperty(name).GetString())
                    : js.GetProperty(name).GetRawText();
                if (expected != value)
                {
                    return $"{name}: C# {value}, JS {expected}";
                }
            }

            if (buffer.ToString() != applyA)
            {
                return $"CodePointBuffer gave {JsonSerializer.Serialize(buffer.ToString())}, string apply {JsonSerializer.Serialize(applyA)}";
            }

            return null;
        }
        catch (OtException e)
        {
            return $"C# threw: {e.Message}";
        }
    }

    private static string ToJsonLine(int id, string doc, TextOp a, TextOp b, TextOp c, int position, List<TextOpComponent> raw)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, CaseWriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("id", id);
            writer.WriteString("doc", doc);
            writer.WritePropertyName("a");
            a.WriteTo(writer);
            writer.WritePropertyName("b");
            b.WriteTo(writer);
            writer.WritePropertyName("c");
            c.WriteTo(writer);
            writer.WriteNumber("pos", position);
            writer.WritePropertyName("raw");
            writer.WriteRawValue("[" + string.Join(',', raw.Select(r => r.ToString())) + "]");
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static int ReadSetting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private sealed record FuzzCase(int Id, string Doc, TextOp A, TextOp B, TextOp C, int Position, List<TextOpComponent> Raw, string Json);
}
