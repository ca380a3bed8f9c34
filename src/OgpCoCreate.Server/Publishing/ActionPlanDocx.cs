using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace OgpCoCreate.Publishing;

/// <summary>
/// Renders an <see cref="ActionPlanDocument"/> as a Word document (DOCX) with DocumentFormat.OpenXml: A4,
/// the OGP template's sections, each commitment as a two-column template table followed by its milestones
/// table. Right-to-left is set where the text is: an Arabic document has right-to-left sections and tables
/// (<c>w:bidi</c>, <c>w:bidiVisual</c>); every paragraph whose text starts in Arabic is a right-to-left
/// paragraph (<c>w:bidi</c>) with right-to-left runs (<c>w:rtl</c>), in any document; a French text quoted
/// in an Arabic document stays left-to-right. The bytes are deterministic (fixed ids and ZIP dates).
/// </summary>
public static partial class ActionPlanDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    // A4 with 2 cm margins, in twentieths of a point.
    private const int PageWidth = 11906;
    private const int PageHeight = 16838;
    private const int Margin = 1134;
    private const int TextWidth = PageWidth - (2 * Margin);
    private const int LabelWidth = 2700;

    private const string Font = "Arial";
    private const string HeaderFill = "E7EEF5";
    private const string LabelFill = "F3F5F7";

    public static byte[] Render(ActionPlanDocument doc)
    {
        var rtl = doc.Direction == "rtl";
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>("rIdStyles");
            styles.Styles = Styles(doc.Language, rtl);
            var settings = main.AddNewPart<DocumentSettingsPart>("rIdSettings");
            settings.Settings = new Settings(
                new DefaultTabStop { Val = 708 },
                new CharacterSpacingControl { Val = CharacterSpacingValues.DoNotCompress },
                new ThemeFontLanguages { Val = Culture(doc.Language), Bidi = "ar-TN" });

            var body = new Body();
            body.Append(Paragraph(doc.Title, "Title", rtl));
            body.Append(Paragraph(doc.Subtitle, "Subtitle", rtl));
            foreach (var block in doc.Blocks)
            {
                foreach (var element in Render(block, rtl))
                {
                    body.Append(element);
                }
            }
            var section = new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = Margin, Bottom = Margin, Left = (uint)Margin, Right = (uint)Margin, Header = 567, Footer = 567, Gutter = 0 });
            if (rtl)
            {
                section.Append(new BiDi());
            }
            body.Append(section);
            main.Document = new Document(body);

            word.PackageProperties.Title = doc.Title;
            word.PackageProperties.Subject = doc.Subtitle;
            word.PackageProperties.Creator = "OgpCoCreate";
            word.PackageProperties.Language = Culture(doc.Language);
            word.PackageProperties.Created = doc.LastUpdated.UtcDateTime;
            word.PackageProperties.Modified = doc.LastUpdated.UtcDateTime;
        }
        return Normalize(stream.ToArray(), doc.LastUpdated);
    }

    private static string Culture(string language) => language switch
    {
        "ar" => "ar-TN",
        "fr" => "fr-FR",
        _ => "en-GB",
    };

    // ---- blocks -----------------------------------------------------------------------------------------

    private static IEnumerable<OpenXmlElement> Render(DocBlock block, bool rtl)
    {
        switch (block)
        {
            case DocHeading heading:
                yield return Paragraph(heading.Text, $"Heading{Math.Clamp(heading.Level, 1, 3)}", rtl);
                break;
            case DocParagraph paragraph:
                foreach (var p in Paragraphs(paragraph.Text, paragraph.Style switch
                {
                    "meta" => "Meta",
                    "note" => "Note",
                    _ => null,
                }, rtl))
                {
                    yield return p;
                }
                break;
            case DocList list:
                foreach (var item in list.Items)
                {
                    yield return Paragraph("• " + item, null, rtl);
                }
                break;
            case DocTable table:
                yield return Table(table, rtl);
                yield return Paragraph("", null, rtl);
                break;
            case DocFields fields:
                yield return Fields(fields, rtl);
                yield return Paragraph("", null, rtl);
                break;
        }
    }

    private static Table Table(DocTable data, bool rtl)
    {
        var columns = Math.Max(1, data.Headers.Count);
        var width = TextWidth / columns;
        var table = NewTable(rtl, Enumerable.Repeat(width, columns).ToArray());
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        foreach (var text in data.Headers)
        {
            header.Append(Cell(text, width, rtl, bold: true, fill: HeaderFill));
        }
        table.Append(header);
        foreach (var row in data.Rows)
        {
            var tr = new TableRow(new TableRowProperties(new CantSplit()));
            for (var i = 0; i < columns; i++)
            {
                tr.Append(Cell(i < row.Count ? row[i] : "", width, rtl));
            }
            table.Append(tr);
        }
        return table;
    }

    private static Table Fields(DocFields data, bool rtl)
    {
        var valueWidth = TextWidth - LabelWidth;
        var table = NewTable(rtl, [LabelWidth, valueWidth]);
        foreach (var field in data.Rows)
        {
            table.Append(new TableRow(
                Cell(field.Label, LabelWidth, rtl, bold: true, fill: LabelFill),
                Cell(field.Value, valueWidth, rtl)));
        }
        return table;
    }

    private static Table NewTable(bool rtl, int[] widths)
    {
        var properties = new TableProperties
        {
            TableStyle = new TableStyle { Val = "OgpTable" },
            TableWidth = new TableWidth { Width = widths.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            TableLayout = new TableLayout { Type = TableLayoutValues.Fixed },
            TableLook = new TableLook { Val = "04A0", FirstRow = true, NoVerticalBand = true },
        };
        if (rtl)
        {
            // The table's columns run right to left: the label column is on the right.
            properties.BiDiVisual = new BiDiVisual();
        }
        var grid = new TableGrid();
        foreach (var w in widths)
        {
            grid.Append(new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }
        return new Table(properties, grid);
    }

    private static TableCell Cell(string text, int width, bool rtl, bool bold = false, string? fill = null)
    {
        var properties = new TableCellProperties(new TableCellWidth { Width = width.ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
        if (fill is not null)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill });
        }
        var cell = new TableCell(properties);
        foreach (var p in Paragraphs(text, "TableText", rtl, bold))
        {
            cell.Append(p);
        }
        return cell;
    }

    // ---- paragraphs and runs ----------------------------------------------------------------------------

    /// <summary>One paragraph per line of the text (a cell always gets at least one).</summary>
    private static IEnumerable<Paragraph> Paragraphs(string text, string? style, bool documentRtl, bool bold = false)
    {
        var lines = (text ?? "").ReplaceLineEndings("\n").Split('\n');
        foreach (var line in lines)
        {
            yield return Paragraph(line, style, documentRtl, bold);
        }
    }

    private static Paragraph Paragraph(string text, string? style, bool documentRtl, bool bold = false)
    {
        var rtl = IsRightToLeft(text, documentRtl);
        var properties = new ParagraphProperties();
        if (style is not null)
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = style };
        }
        if (rtl)
        {
            properties.BiDi = new BiDi();
        }
        var paragraph = new Paragraph(properties);
        if (text.Length > 0)
        {
            var runProperties = new RunProperties();
            if (bold)
            {
                runProperties.Bold = new Bold();
                runProperties.BoldComplexScript = new BoldComplexScript();
            }
            if (rtl)
            {
                runProperties.RightToLeftText = new RightToLeftText();
                runProperties.Languages = new Languages { Bidi = "ar-TN" };
            }
            paragraph.Append(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        }
        return paragraph;
    }

    /// <summary>
    /// A paragraph is right-to-left when its first strong character is Arabic (or Hebrew); a line without any
    /// letter (a date, a number) follows the document.
    /// </summary>
    public static bool IsRightToLeft(string text, bool documentRtl)
    {
        foreach (var ch in text)
        {
            if (IsRtlLetter(ch))
            {
                return true;
            }
            if (char.IsLetter(ch))
            {
                return false;
            }
        }
        return documentRtl;
    }

    public static bool IsRtlLetter(char ch) =>
        ch is (>= '\u0590' and <= '\u08FF') or (>= '\uFB1D' and <= '\uFDFF') or (>= '\uFE70' and <= '\uFEFF');
}
