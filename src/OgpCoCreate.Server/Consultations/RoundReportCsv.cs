using System.Globalization;
using System.Text;

namespace OgpCoCreate.Consultations;

/// <summary>
/// The round's report as CSV (RFC 4180: every field quoted, CRLF line ends), one line per contribution with
/// its response. Built from the public report, so hidden contributions carry no title, body or author. Cells
/// that a spreadsheet would run as a formula (starting with = + - @ or a control character) get a leading
/// apostrophe.
/// </summary>
public static class RoundReportCsv
{
    private static readonly string[] Header =
    [
        "round", "id", "kind", "parent", "status", "merged_into", "justification", "responded_by", "responded_at",
        "author", "posted_at", "axis", "institution", "commitment", "document", "quote", "passage", "title", "body", "supports", "hidden",
    ];

    public static string Write(RoundReport report)
    {
        var text = new StringBuilder();
        Line(text, Header);
        foreach (var c in report.Contributions)
        {
            Line(text,
            [
                report.Round.Id, c.Id, c.Kind.ToString(), c.ParentId, c.Status.ToString(), c.Response?.MergedIntoCommitmentId, c.Response?.Justification,
                c.Response?.ByName, c.Response?.At.ToString("O", CultureInfo.InvariantCulture),
                c.AuthorName, c.At.ToString("O", CultureInfo.InvariantCulture), c.AxisId, c.InstitutionId, c.CommitmentId,
                c.Anchor?.DocumentId, c.Anchor?.Quote, c.Position?.State.ToString(), c.Title, c.Body,
                c.Supports.ToString(CultureInfo.InvariantCulture), c.Hidden ? "true" : "false",
            ]);
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, IReadOnlyList<string?> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            text.Append('"').Append(Cell(cells[i]).Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        text.Append("\r\n");
    }

    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        return value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\n' ? "'" + value : value;
    }
}
