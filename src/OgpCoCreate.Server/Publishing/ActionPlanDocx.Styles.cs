using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace OgpCoCreate.Publishing;

/// <summary>The document's styles: the OGP template's headings, body and table text, right-to-left for Arabic.</summary>
public static partial class ActionPlanDocx
{
    private static Styles Styles(string language, bool rtl)
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font },
                new FontSize { Val = "21" },
                new FontSizeComplexScript { Val = "22" },
                new Languages { Val = Culture(language), Bidi = "ar-TN" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto })));
        var styles = new Styles(defaults);
        styles.Append(ParagraphStyle("Normal", "Normal", null, isDefault: true));
        styles.Append(ParagraphStyle("Title", "Title", "Normal", size: 40, bold: true, color: "1F3A5F", after: 120, keepNext: true));
        styles.Append(ParagraphStyle("Subtitle", "Subtitle", "Normal", size: 26, color: "4A5A6A", after: 240));
        styles.Append(ParagraphStyle("Heading1", "heading 1", "Normal", size: 32, bold: true, color: "1F3A5F", before: 360, after: 160, keepNext: true, outline: 0));
        styles.Append(ParagraphStyle("Heading2", "heading 2", "Normal", size: 26, bold: true, color: "1F3A5F", before: 280, after: 120, keepNext: true, outline: 1));
        styles.Append(ParagraphStyle("Heading3", "heading 3", "Normal", size: 22, bold: true, color: "33475B", before: 200, after: 80, keepNext: true, outline: 2));
        styles.Append(ParagraphStyle("Meta", "Meta", "Normal", size: 18, color: "5A6B7B", after: 60));
        styles.Append(ParagraphStyle("Note", "Note", "Normal", italic: true, color: "5A6B7B"));
        styles.Append(ParagraphStyle("TableText", "Table text", "Normal", size: 19, after: 40, line: 240));
        styles.Append(new Style(
            new StyleName { Val = "OgpTable" },
            new BasedOn { Val = "TableNormal" },
            new StyleTableProperties(
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4, Color = "A7B4C2" },
                    new LeftBorder { Val = BorderValues.Single, Size = 4, Color = "A7B4C2" },
                    new BottomBorder { Val = BorderValues.Single, Size = 4, Color = "A7B4C2" },
                    new RightBorder { Val = BorderValues.Single, Size = 4, Color = "A7B4C2" },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Color = "A7B4C2" },
                    new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Color = "A7B4C2" }),
                new TableCellMarginDefault(
                    new TopMargin { Width = "60", Type = TableWidthUnitValues.Dxa },
                    new TableCellLeftMargin { Width = 100, Type = TableWidthValues.Dxa },
                    new BottomMargin { Width = "60", Type = TableWidthUnitValues.Dxa },
                    new TableCellRightMargin { Width = 100, Type = TableWidthValues.Dxa })))
        { Type = StyleValues.Table, StyleId = "OgpTable" });
        styles.Append(new Style(new StyleName { Val = "Normal Table" }, new UIPriority { Val = 99 }, new SemiHidden(), new UnhideWhenUsed(),
            new StyleTableProperties(new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa }))
        { Type = StyleValues.Table, StyleId = "TableNormal", Default = true });
        return styles;
    }

    private static Style ParagraphStyle(
        string id, string name, string? basedOn, bool isDefault = false, int? size = null, bool bold = false, bool italic = false, string? color = null,
        int? before = null, int? after = null, int? line = null, bool keepNext = false, int? outline = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }
        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
            style.Append(new NextParagraphStyle { Val = "Normal" });
        }
        style.Append(new PrimaryStyle());
        var paragraph = new StyleParagraphProperties();
        if (keepNext)
        {
            paragraph.Append(new KeepNext());
        }
        if (before is not null || after is not null || line is not null)
        {
            // Only the attributes that have a value: an attribute set to null would be written empty (invalid).
            var spacing = new SpacingBetweenLines();
            if (before is { } b)
            {
                spacing.Before = b.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (after is { } a)
            {
                spacing.After = a.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            if (line is { } l)
            {
                spacing.Line = l.ToString(System.Globalization.CultureInfo.InvariantCulture);
                spacing.LineRule = LineSpacingRuleValues.Auto;
            }
            paragraph.Append(spacing);
        }
        if (outline is not null)
        {
            paragraph.Append(new OutlineLevel { Val = outline });
        }
        if (paragraph.HasChildren)
        {
            style.Append(paragraph);
        }
        var run = new StyleRunProperties();
        if (bold)
        {
            run.Append(new Bold(), new BoldComplexScript());
        }
        if (italic)
        {
            run.Append(new Italic(), new ItalicComplexScript());
        }
        if (color is not null)
        {
            run.Append(new Color { Val = color });
        }
        if (size is not null)
        {
            var half = size.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            run.Append(new FontSize { Val = half }, new FontSizeComplexScript { Val = half });
        }
        if (run.HasChildren)
        {
            style.Append(run);
        }
        return style;
    }
}
