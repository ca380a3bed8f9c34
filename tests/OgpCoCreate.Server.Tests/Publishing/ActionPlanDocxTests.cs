using System.Net;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Publishing;

/// <summary>The action plan as a Word document in the OGP template, read back with DocumentFormat.OpenXml.</summary>
[Collection(PublishingCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class ActionPlanDocxTests(PublishingFixture fixture)
{
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    [Fact]
    public async Task The_french_document_opens_is_valid_and_holds_every_commitment_with_its_template_table_and_milestones()
    {
        using var anonymous = fixture.Server.Anonymous();
        var response = await anonymous.GetAsync("api/public/plans/tn-nap5/action-plan.docx?lang=fr");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DocxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("tn-nap5-action-plan-fr.docx", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await File.WriteAllBytesAsync(Path.Combine(RepoPaths.TestOutputDir, "action-plan-fr.docx"), bytes);

        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var errors = new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(10).Select(e => $"{e.Path?.XPath}: {e.Description}")));
        var body = document.MainDocumentPart!.Document.Body!;
        var text = body.InnerText;
        Assert.Equal("OgpCoCreate", document.PackageProperties.Creator);

        // The template's sections, in order.
        var headings1 = Headings(body, "Heading1");
        Assert.Equal(["1. Introduction", "2. Les efforts de gouvernement ouvert à ce jour", "3. Le processus de co-création", "4. Engagements"], headings1);
        foreach (var label in new[] { "Calendrier", "Forum multipartite", "Consultation publique", "Approbation et adoption" })
        {
            Assert.Contains(label, Headings(body, "Heading2"));
        }

        // Every commitment: its heading, its template table (label | value) and its milestones table.
        var commitments = await anonymous.Json("api/public/plans/tn-nap5/commitments?limit=100");
        var items = commitments.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(15, items.Count);
        var headings2 = Headings(body, "Heading2");
        var tables = body.Elements<Table>().ToList();
        foreach (var c in items)
        {
            var details = c.GetProperty("details");
            var number = details.GetProperty("number").GetInt32();
            var title = details.GetProperty("title").GetProperty("fr").GetString()!;
            Assert.Contains($"Engagement {number} : {title}", headings2);
            var template = tables.Single(t => t.Descendants<Text>().Any(x => x.Text == c.GetProperty("id").GetString()));
            var rows = template.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(cell => cell.InnerText).ToList()).ToList();
            Assert.All(rows, r => Assert.Equal(2, r.Count));
            var labels = rows.Select(r => r[0]).ToList();
            foreach (var label in new[] { "Numéro et intitulé", "Institution chef de file", "Durée", "Définition du problème", "Description de l'engagement", "Ambition", "Version approuvée" })
            {
                Assert.Contains(label, labels);
            }
            Assert.Contains(title, rows.Single(r => r[0] == "Numéro et intitulé")[1]);
            foreach (var milestone in details.GetProperty("milestones").EnumerateArray())
            {
                Assert.Contains(milestone.GetProperty("action").GetString()!, text);
                Assert.Contains(milestone.GetProperty("expectedOutput").GetString()!, text);
            }
            // Live texts as they are.
            var problem = c.GetProperty("texts").EnumerateArray().Single(t => t.GetProperty("field").GetString() == "problem").GetProperty("text").GetString()!;
            Assert.Contains(problem.Split('\n')[0], text);
        }
        Assert.True(tables.Count >= 15 * 2, "a template table and a milestones table per commitment");
        Assert.Contains("Activité / jalon", text);

        // The approved commitment says when and by whom; the others say they are not approved yet.
        Assert.Contains("Chaîne d'approbation complétée le", text);
        Assert.Contains("Pas encore approuvé", text);

        // An Arabic live text in the French document is still a right-to-left paragraph.
        var arabic = body.Descendants<Paragraph>().Where(p => StartsInArabic(p.InnerText)).ToList();
        Assert.NotEmpty(arabic);
        Assert.All(arabic, p => Assert.NotNull(p.ParagraphProperties?.BiDi));
    }

    [Fact]
    public async Task The_arabic_document_is_right_to_left_paragraphs_runs_tables_and_section()
    {
        using var anonymous = fixture.Server.Anonymous();
        var bytes = await anonymous.Bytes("api/public/plans/tn-nap5/action-plan.docx?lang=ar");
        await File.WriteAllBytesAsync(Path.Combine(RepoPaths.TestOutputDir, "action-plan-ar.docx"), bytes);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Office2019).Validate(document));
        var body = document.MainDocumentPart!.Document.Body!;

        Assert.NotNull(body.GetFirstChild<SectionProperties>()?.GetFirstChild<BiDi>());
        var tables = body.Elements<Table>().ToList();
        Assert.NotEmpty(tables);
        Assert.All(tables, t => Assert.NotNull(t.GetFirstChild<TableProperties>()?.BiDiVisual));

        var paragraphs = body.Descendants<Paragraph>().Where(p => p.InnerText.Length > 0).ToList();
        var arabic = paragraphs.Where(p => StartsInArabic(p.InnerText)).ToList();
        Assert.True(arabic.Count > 200, $"{arabic.Count} Arabic paragraphs");
        Assert.All(arabic, p =>
        {
            Assert.NotNull(p.ParagraphProperties?.BiDi);
            Assert.All(p.Elements<Run>(), r => Assert.NotNull(r.RunProperties?.RightToLeftText));
        });
        // A French live text (tn-nap5-01 was drafted in French) stays left to right inside the Arabic document.
        var french = paragraphs.Where(p => p.InnerText.StartsWith("Les informations budgétaires", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(french);
        Assert.All(french, p => Assert.Null(p.ParagraphProperties?.BiDi));

        // Labels and names in Arabic, every commitment's Arabic title.
        var headings = Headings(body, "Heading1");
        Assert.Equal(["1. مقدمة", "2. جهود الحكومة المفتوحة إلى حد الآن", "3. مسار الإعداد التشاركي", "4. الالتزامات"], headings);
        var commitments = await anonymous.Json("api/public/plans/tn-nap5/commitments?limit=100");
        var text = body.InnerText;
        foreach (var c in commitments.GetProperty("items").EnumerateArray())
        {
            Assert.Contains(c.GetProperty("details").GetProperty("title").GetProperty("ar").GetString()!, text);
        }
        Assert.Contains("تونس", text);
        Assert.Equal("ar-TN", document.PackageProperties.Language);
    }

    [Fact]
    public async Task The_document_is_the_same_bytes_each_time_and_refuses_an_unknown_language_or_plan()
    {
        using var anonymous = fixture.Server.Anonymous();
        var first = await anonymous.Bytes("api/public/plans/tn-nap5/action-plan.docx?lang=en");
        var second = await anonymous.Bytes("api/public/plans/tn-nap5/action-plan.docx?lang=en");
        Assert.Equal(first, second);
        using var document = WordprocessingDocument.Open(new MemoryStream(first), false);
        Assert.Contains("4. Commitments", Headings(document.MainDocumentPart!.Document.Body!, "Heading1"));

        var bad = await ProblemAssert.IsProblem(await anonymous.GetAsync("api/public/plans/tn-nap5/action-plan.docx?lang=de"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("lang", out _));
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/public/plans/no-such-plan/action-plan.docx?lang=fr"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblem(await anonymous.GetAsync("api/public/plans/NOT%20A%20PLAN/action-plan.docx"), HttpStatusCode.NotFound);
    }

    public static List<string> Headings(Body body, string style) =>
        [.. body.Elements<Paragraph>().Where(p => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value == style).Select(p => p.InnerText)];

    /// <summary>Whether the first letter of the text is Arabic (a line without letters is neither).</summary>
    public static bool StartsInArabic(string text)
    {
        foreach (var ch in text)
        {
            if (ch is >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF')
            {
                return true;
            }
            if (char.IsLetter(ch))
            {
                return false;
            }
        }
        return false;
    }

    public static string DocxText(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return document.MainDocumentPart!.Document.Body!.InnerText;
    }

}
