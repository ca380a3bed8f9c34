using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Publishing;

/// <summary>The open data: every table as CSV and JSON (the same rows), the ZIP dump, its README and data package.</summary>
[Collection(PublishingCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class OpenDataTests(PublishingFixture fixture)
{
    private const string Base = "api/open-data/tn-nap5";

    private static readonly string[] Tables =
    [
        "commitments", "commitment_texts", "approved_texts", "milestones", "institutions", "axes", "timeline", "forum_members",
        "rounds", "contributions", "approvals", "approval_slots", "journal_events",
    ];

    [Fact]
    public async Task Every_table_round_trips_from_its_csv_to_its_json_with_commas_quotes_line_breaks_and_arabic()
    {
        using var anonymous = fixture.Server.Anonymous();
        var index = await anonymous.Json(Base);
        var files = Unzip(await anonymous.Bytes($"{Base}/open-data.zip"));
        var parsed = new Dictionary<string, (List<string> Header, List<List<string>> Rows, JsonElement Json, Dictionary<string, string> Types)>();

        Assert.Equal(Tables, index.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        foreach (var table in index.GetProperty("tables").EnumerateArray())
        {
            var name = table.GetProperty("name").GetString()!;
            var types = table.GetProperty("columns").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("type").GetString()!);
            var csvBytes = files[$"{name}.csv"];
            Assert.Equal(Encoding.UTF8.GetPreamble(), csvBytes[..3]);
            // The file served on its own is the one in the ZIP.
            Assert.Equal(csvBytes, await anonymous.Bytes($"{Base}/{name}.csv"));
            Assert.Equal(files[$"{name}.json"], await anonymous.Bytes($"{Base}/{name}.json"));

            var rows = CsvReader.Parse(csvBytes);
            var header = rows[0];
            Assert.Equal(types.Keys, header);
            var json = JsonDocument.Parse(files[$"{name}.json"]).RootElement.Clone();
            Assert.Equal(JsonValueKind.Array, json.ValueKind);
            Assert.Equal(json.GetArrayLength(), rows.Count - 1);
            Assert.Equal(table.GetProperty("rows").GetInt32(), json.GetArrayLength());
            for (var i = 0; i < json.GetArrayLength(); i++)
            {
                var row = rows[i + 1];
                Assert.Equal(header.Count, row.Count);
                var item = json[i];
                Assert.Equal(header, item.EnumerateObject().Select(p => p.Name));
                for (var j = 0; j < header.Count; j++)
                {
                    AssertCell($"{name}[{i}].{header[j]}", types[header[j]], row[j], item.GetProperty(header[j]));
                }
            }
            parsed[name] = (header, rows.Skip(1).ToList(), json, types);
        }

        // The hard cases came through exactly: commas, quotes, a line break and Arabic in one cell.
        var scenario = fixture.Scenario;
        var approvals = parsed["approvals"];
        var comment = approvals.Header.IndexOf("comment");
        var given = approvals.Rows.Where(r => r[approvals.Header.IndexOf("event")] == "ApprovalGiven" && r[approvals.Header.IndexOf("commitment_id")] == scenario.ApprovedCommitment).ToList();
        Assert.Equal(4, given.Count);
        Assert.Contains(given, r => r[comment] == scenario.ApprovalComment);
        Assert.Contains(approvals.Rows, r => r[approvals.Header.IndexOf("event")] == "ChangesRequested" && r[comment] == scenario.ChangesReason);
        Assert.Contains(approvals.Rows, r => r[approvals.Header.IndexOf("event")] == "ApprovalCompleted" && r[approvals.Header.IndexOf("commitment_id")] == scenario.ApprovedCommitment);

        var contributions = parsed["contributions"];
        int Col(string c) => contributions.Header.IndexOf(c);
        var visible = contributions.Rows.Single(r => r[Col("round_id")] == scenario.RoundId && r[Col("id")] == scenario.VisibleContributionId);
        Assert.Equal(scenario.VisibleBody, visible[Col("body")]);
        Assert.Equal(scenario.Justification, visible[Col("justification")]);
        Assert.Equal("Accepted", visible[Col("response_status")]);
        Assert.Equal("Amina Ben Salah", visible[Col("author_name")]);
        var hidden = contributions.Rows.Single(r => r[Col("round_id")] == scenario.RoundId && r[Col("id")] == scenario.HiddenContributionId);
        Assert.Equal("true", hidden[Col("hidden")]);
        Assert.Equal("", hidden[Col("body")]);
        Assert.Equal("", hidden[Col("author_name")]);
        // A formula-looking text is guarded in the CSV, exact in the JSON.
        var formulaIndex = contributions.Rows.FindIndex(r => r[Col("body")] == "'" + PublishingScenario.FormulaBody);
        Assert.True(formulaIndex >= 0, "The formula-looking contribution is in the CSV with a leading apostrophe.");
        Assert.Equal(PublishingScenario.FormulaBody, contributions.Json[formulaIndex].GetProperty("body").GetString());

        var commitments = parsed["commitments"];
        Assert.Equal(15, commitments.Rows.Count);
        var c05 = commitments.Rows.Single(r => r[0] == "tn-nap5-05");
        Assert.Matches("[\u0600-\u06FF]", c05[commitments.Header.IndexOf("title_ar")]);
        Assert.Matches("[\u0600-\u06FF]", c05[commitments.Header.IndexOf("problem")]);
        var c06 = commitments.Rows.Single(r => r[0] == scenario.ApprovedCommitment);
        Assert.Equal("true", c06[commitments.Header.IndexOf("approved_is_current")]);
        Assert.Equal(c06[commitments.Header.IndexOf("current_content_hash")], c06[commitments.Header.IndexOf("approved_content_hash")]);
        Assert.Equal(6, parsed["approved_texts"].Rows.Count(r => r[0] == scenario.ApprovedCommitment));
        Assert.Equal(15 * 6, parsed["commitment_texts"].Rows.Count);

        // The raw CSV: every field quoted, quotes doubled, CRLF line ends, the line break kept inside its field.
        var raw = Encoding.UTF8.GetString(files["approvals.csv"]);
        Assert.StartsWith("\uFEFF\"sequence\",\"commitment_id\",", raw);
        Assert.Contains("\"Validé, sous \"\"réserve\"\" d'un budget; voir l'annexe,\nseconde ligne — تمت المصادقة، مع تحفظ\"", raw);
        Assert.EndsWith("\"\r\n", raw);
    }

    [Fact]
    public async Task The_dump_holds_every_table_a_readme_describing_each_column_a_data_package_and_the_action_plan()
    {
        using var anonymous = fixture.Server.Anonymous();
        var response = await anonymous.GetAsync($"{Base}/open-data.zip");
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("tn-nap5-open-data.zip", response.Content.Headers.ContentDisposition?.ToString());
        var files = Unzip(await response.Content.ReadAsByteArrayAsync());

        var expected = new[] { "README.md", "datapackage.json", "plan.json", "repository.json", "action-plan-ar.docx", "action-plan-fr.docx", "action-plan-en.docx" }
            .Concat(Tables.SelectMany(t => new[] { $"{t}.csv", $"{t}.json" }));
        Assert.Equal(expected.Order(), files.Keys.Order());

        var readme = Encoding.UTF8.GetString(files["README.md"]);
        Assert.Equal(readme, Encoding.UTF8.GetString(await anonymous.Bytes($"{Base}/README.md")));
        var index = await anonymous.Json(Base);
        foreach (var table in index.GetProperty("tables").EnumerateArray())
        {
            var name = table.GetProperty("name").GetString()!;
            Assert.Contains($"### {name}.csv / {name}.json", readme);
            var section = readme[readme.IndexOf($"### {name}.csv", StringComparison.Ordinal)..];
            var next = section.IndexOf("\n### ", 4, StringComparison.Ordinal);
            section = next > 0 ? section[..next] : section;
            foreach (var column in table.GetProperty("columns").EnumerateArray())
            {
                Assert.Contains($"| `{column.GetProperty("name").GetString()}` | {column.GetProperty("type").GetString()} | ", section);
            }
        }
        foreach (var other in new[] { "plan.json", "repository.json", "datapackage.json", "action-plan-ar.docx" })
        {
            Assert.Contains(other, readme);
        }
        Assert.Contains("RFC 4180", readme);

        var package = JsonNode.Parse(files["datapackage.json"])!;
        var resources = package["resources"]!.AsArray();
        Assert.Equal(Tables.Select(t => t + ".csv"), resources.Select(r => (string)r!["path"]!));
        foreach (var resource in resources)
        {
            var header = CsvReader.Parse(files[(string)resource!["path"]!])[0];
            Assert.Equal(header, resource["schema"]!["fields"]!.AsArray().Select(f => (string)f!["name"]!));
        }

        // The DOCX in the dump are the ones the API serves.
        Assert.Equal(files["action-plan-ar.docx"], await anonymous.Bytes("api/public/plans/tn-nap5/action-plan.docx?lang=ar"));
        using var plan = JsonDocument.Parse(files["plan.json"]);
        Assert.Equal("tn-nap5", plan.RootElement.GetProperty("id").GetString());

        await Infrastructure.ProblemAssert.IsProblem(await anonymous.GetAsync($"{Base}/no-such-table.csv"), System.Net.HttpStatusCode.NotFound);
        await Infrastructure.ProblemAssert.IsProblem(await anonymous.GetAsync("api/open-data/no-such-plan/commitments.csv"), System.Net.HttpStatusCode.NotFound);
    }

    /// <summary>A CSV cell against the JSON value of the same row and column, by the README's rules.</summary>
    private static void AssertCell(string where, string type, string cell, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.True(cell == "", $"{where}: empty expected, CSV has '{cell}'");
                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                var guarded = type == "text" && text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'';
                Assert.True((guarded ? "'" + text : text) == cell, $"{where}: JSON '{text}', CSV '{cell}'");
                break;
            case JsonValueKind.Number:
                Assert.True(value.GetRawText() == cell, $"{where}: JSON {value.GetRawText()}, CSV '{cell}'");
                break;
            case JsonValueKind.True or JsonValueKind.False:
                Assert.True((value.GetBoolean() ? "true" : "false") == cell, $"{where}: JSON {value.GetRawText()}, CSV '{cell}'");
                break;
            default:
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(cell), JsonNode.Parse(value.GetRawText())), $"{where}: JSON {value.GetRawText()}, CSV '{cell}'");
                break;
        }
    }

    public static Dictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
