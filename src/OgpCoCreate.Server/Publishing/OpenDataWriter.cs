using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OgpCoCreate.Publishing;

/// <summary>
/// Writes open-data tables as CSV (RFC 4180, UTF-8 with a byte-order mark, every field quoted, CRLF) and JSON
/// (an array of objects, one per row, keyed by column name), the README that describes every column, a
/// Frictionless <c>datapackage.json</c>, and the ZIP that holds them all. Output is deterministic: the same
/// data gives the same bytes, so the ETags over it are strong.
/// </summary>
public static class OpenDataWriter
{
    /// <summary>
    /// Cells a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) get a
    /// leading apostrophe; so do cells that start with an apostrophe, so that the rule can be undone
    /// unambiguously: a text cell that starts with ' has had exactly one ' added.
    /// </summary>
    public static bool NeedsGuard(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'';

    public static byte[] Csv(OpenDataTable table)
    {
        var text = new StringBuilder();
        Line(text, table.Columns.Select(c => c.Name));
        foreach (var row in table.Rows)
        {
            Line(text, table.Columns.Select((column, i) =>
            {
                var cell = OpenDataTables.Format(row[i]);
                return column.Type == ColumnType.Text && NeedsGuard(cell) ? "'" + cell : cell;
            }));
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IEnumerable<string> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                text.Append(',');
            }
            first = false;
            text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        text.Append("\r\n");
    }

    public static JsonArray JsonRows(OpenDataTable table)
    {
        var rows = new JsonArray();
        foreach (var row in table.Rows)
        {
            var o = new JsonObject();
            for (var i = 0; i < table.Columns.Count; i++)
            {
                o[table.Columns[i].Name] = JsonValueOf(table.Columns[i].Type, row[i]);
            }
            rows.Add(o);
        }
        return rows;
    }

    public static byte[] Json(OpenDataTable table) => Encoding.UTF8.GetBytes(JsonRows(table).ToJsonString(PublicJson.Indented) + "\n");

    private static JsonNode? JsonValueOf(ColumnType type, object? value) => value switch
    {
        null => null,
        _ when type is ColumnType.List or ColumnType.Json => JsonNode.Parse(OpenDataTables.Format(value)),
        bool b => JsonValue.Create(b),
        long n => JsonValue.Create(n),
        int n => JsonValue.Create(n),
        decimal d => JsonValue.Create(d),
        _ => JsonValue.Create(OpenDataTables.Format(value)),
    };

    // ---- README and data package ------------------------------------------------------------------------

    public static string Readme(PublicRepository repo, IReadOnlyList<OpenDataTable> tables, IReadOnlyList<string> otherFiles)
    {
        var plan = repo.Plan;
        var md = new StringBuilder();
        md.Append("# Open data: ").Append(plan.Title.En).Append('\n').Append('\n');
        md.Append(plan.Title.Fr).Append(" — ").Append(plan.Title.Ar).Append('\n').Append('\n');
        md.Append("- Plan: `").Append(plan.Id).Append("` (").Append(plan.Country).Append(", ").Append(plan.Start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .Append(" to ").Append(plan.End.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append(")\n");
        md.Append("- Last updated: ").Append(OpenDataTables.FormatInstant(repo.LastUpdated)).Append(" (the latest change these files contain)\n");
        md.Append("- Public repository: ").Append(repo.Links.Repository).Append("; API: ").Append(repo.Links.Api).Append(" (OpenAPI at /openapi/v1.json)\n\n");
        md.Append("Everything here is public: the action plan, its commitments in the OGP template, their texts as they are now and as approved, ")
            .Append("milestones, institutions, the forum, the consultation rounds with every contribution and its reasoned response, ")
            .Append("every approval and the journal of all changes. It contains no e-mail address, no account data and no hidden contribution's content.\n\n");
        md.Append("## Conventions\n\n");
        md.Append("- Every table comes twice: `name.csv` and `name.json`, with the same rows and the same column names.\n");
        md.Append("- CSV: RFC 4180, UTF-8 with a byte-order mark, comma-separated, every field in double quotes (a quote inside is doubled), ")
            .Append("lines end with CRLF, the first line names the columns. Texts may contain commas, quotes and line breaks.\n");
        md.Append("- Spreadsheet safety: a text cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or `'` has one `'` added in front in the CSV ")
            .Append("(so that spreadsheets do not run it as a formula). Remove the first `'` of a text cell that starts with one to get the exact value; the JSON has it as is.\n");
        md.Append("- JSON: an array with one object per row; numbers and booleans are JSON numbers and booleans; an empty value is `null` (an empty cell in CSV).\n");
        md.Append("- Types: `text`; `integer`; `decimal` (a dot, no thousands separator); `boolean` (`true`/`false`); `date` (`YYYY-MM-DD`); ")
            .Append("`datetime` (UTC, `YYYY-MM-DDThh:mm:ss.fffffffZ`); `list` (a JSON array, in CSV as its JSON text); `json` (any JSON value, in CSV as its JSON text).\n");
        md.Append("- Texts are in the language they were written in; names and titles come in Arabic, French and English (`_ar`, `_fr`, `_en`).\n");
        md.Append("- Ids are permanent: `https://<this site>/repository.html?commitment=<id>` (and `?round=`, `?plan=`) always shows the same item.\n\n");
        md.Append("## Files\n\n");
        foreach (var table in tables)
        {
            md.Append("### ").Append(table.CsvFile).Append(" / ").Append(table.JsonFile).Append(" — ").Append(table.Title).Append("\n\n");
            md.Append(table.Description).Append(' ').Append(table.Rows.Count == 1 ? "1 row." : $"{table.Rows.Count} rows.").Append("\n\n");
            md.Append("| column | type | description |\n| --- | --- | --- |\n");
            foreach (var column in table.Columns)
            {
                md.Append("| `").Append(column.Name).Append("` | ").Append(TypeName(column.Type)).Append(" | ").Append(column.Description.Replace("|", "\\|", StringComparison.Ordinal)).Append(" |\n");
            }
            md.Append('\n');
        }
        if (otherFiles.Count > 0)
        {
            md.Append("### Other files\n\n");
            foreach (var file in otherFiles)
            {
                md.Append("- ").Append(file).Append('\n');
            }
            md.Append('\n');
        }
        return md.ToString();
    }

    public static string TypeName(ColumnType type) => type switch
    {
        ColumnType.Text => "text",
        ColumnType.Integer => "integer",
        ColumnType.Decimal => "decimal",
        ColumnType.Boolean => "boolean",
        ColumnType.Date => "date",
        ColumnType.DateTime => "datetime",
        ColumnType.List => "list",
        _ => "json",
    };

    /// <summary>A Frictionless Data Package descriptor (https://specs.frictionlessdata.io/data-package/) for the CSV files.</summary>
    public static byte[] DataPackage(PublicRepository repo, IReadOnlyList<OpenDataTable> tables)
    {
        var resources = new JsonArray();
        foreach (var table in tables)
        {
            var fields = new JsonArray();
            foreach (var column in table.Columns)
            {
                fields.Add(new JsonObject
                {
                    ["name"] = column.Name,
                    ["type"] = column.Type switch
                    {
                        ColumnType.Text => "string",
                        ColumnType.Integer => "integer",
                        ColumnType.Decimal => "number",
                        ColumnType.Boolean => "boolean",
                        ColumnType.Date => "date",
                        ColumnType.DateTime => "datetime",
                        ColumnType.List => "array",
                        _ => "object",
                    },
                    ["description"] = column.Description,
                });
            }
            resources.Add(new JsonObject
            {
                ["name"] = table.Name.Replace('_', '-'),
                ["path"] = table.CsvFile,
                ["title"] = table.Title,
                ["description"] = table.Description,
                ["format"] = "csv",
                ["mediatype"] = "text/csv",
                ["encoding"] = "utf-8-sig",
                ["dialect"] = new JsonObject { ["delimiter"] = ",", ["quoteChar"] = "\"", ["doubleQuote"] = true, ["lineTerminator"] = "\r\n" },
                ["schema"] = new JsonObject { ["fields"] = fields },
            });
        }
        var package = new JsonObject
        {
            ["name"] = "ogp-" + repo.Plan.Id,
            ["title"] = repo.Plan.Title.En,
            ["description"] = "Public repository of the OGP national action plan " + repo.Plan.Id + ": see README.md.",
            ["created"] = OpenDataTables.FormatInstant(repo.LastUpdated),
            ["resources"] = resources,
        };
        return Encoding.UTF8.GetBytes(package.ToJsonString(PublicJson.Indented) + "\n");
    }

    // ---- ZIP --------------------------------------------------------------------------------------------

    /// <summary>A ZIP of the given files, in order, every entry dated <paramref name="at"/> (deterministic bytes).</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Content)> files, DateTimeOffset at)
    {
        // ZIP dates are local DOS times between 1980 and 2107: keep the instant's calendar value in that range.
        var stamp = new DateTimeOffset(Math.Clamp(at.UtcDateTime.Ticks, new DateTime(1980, 1, 2).Ticks, new DateTime(2107, 12, 30).Ticks), TimeSpan.Zero);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = stamp;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }
}
