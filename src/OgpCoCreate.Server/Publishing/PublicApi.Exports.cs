using System.Text;
using System.Text.Json;
using OgpCoCreate.Commitments;
using OgpCoCreate.Http;

namespace OgpCoCreate.Publishing;

/// <summary>The plan as a document (JSON, DOCX) and as open data (JSON, CSV, ZIP with a README).</summary>
public static partial class PublicApi
{
    private static async Task<IResult> ActionPlan(string planId, PublicRepositoryReader reader, PublishingLabelsProvider labels, HttpContext context, CancellationToken ct, string? lang = null)
    {
        var language = Language(lang);
        var repo = await Read(reader, planId, ct);
        return repo is null ? NoPlan(planId) : PublicCaching.Json(context, ActionPlanDocumentBuilder.Build(repo, labels.For(language), SiteUrl(context)), repo.LastUpdated);
    }

    private static async Task<IResult> ActionPlanDocxFile(string planId, PublicRepositoryReader reader, PublishingLabelsProvider labels, HttpContext context, CancellationToken ct, string? lang = null)
    {
        var language = Language(lang);
        var repo = await Read(reader, planId, ct);
        if (repo is null)
        {
            return NoPlan(planId);
        }
        var bytes = ActionPlanDocx.Render(ActionPlanDocumentBuilder.Build(repo, labels.For(language), SiteUrl(context)));
        return PublicCaching.File(context, bytes, ActionPlanDocx.ContentType, DocxName(planId, language), repo.LastUpdated);
    }

    private static async Task<IResult> OpenDataIndex(string planId, PublicRepositoryReader reader, HttpContext context, CancellationToken ct)
    {
        var set = await OpenData(reader, planId, ct);
        if (set is null)
        {
            return NoPlan(planId);
        }
        var id = Uri.EscapeDataString(planId);
        var index = new
        {
            planId,
            lastUpdated = set.Repository.LastUpdated,
            readme = $"/api/open-data/{id}/README.md",
            dataPackage = $"/api/open-data/{id}/datapackage.json",
            zip = $"/api/open-data/{id}/open-data.zip",
            tables = set.Tables.Select(t => new
            {
                name = t.Name,
                title = t.Title,
                description = t.Description,
                rows = t.Rows.Count,
                csv = $"/api/open-data/{id}/{t.CsvFile}",
                json = $"/api/open-data/{id}/{t.JsonFile}",
                columns = t.Columns.Select(c => new { name = c.Name, type = OpenDataWriter.TypeName(c.Type), description = c.Description }),
            }),
        };
        return PublicCaching.Json(context, index, set.Repository.LastUpdated);
    }

    private static async Task<IResult> OpenDataFile(string planId, string file, PublicRepositoryReader reader, PublishingLabelsProvider labels, HttpContext context, CancellationToken ct)
    {
        var set = await OpenData(reader, planId, ct);
        if (set is null)
        {
            return NoPlan(planId);
        }
        var at = set.Repository.LastUpdated;
        switch (file)
        {
            case "README.md":
                return PublicCaching.File(context, Encoding.UTF8.GetBytes(set.Readme), "text/markdown; charset=utf-8", file, at);
            case "datapackage.json":
                return PublicCaching.File(context, OpenDataWriter.DataPackage(set.Repository, set.Tables), "application/json; charset=utf-8", file, at);
            case "open-data.zip":
                return PublicCaching.File(context, Zip(set, labels, SiteUrl(context)), "application/zip", $"{planId}-open-data.zip", at);
        }
        foreach (var table in set.Tables)
        {
            if (file == table.CsvFile)
            {
                return PublicCaching.File(context, OpenDataWriter.Csv(table), "text/csv; charset=utf-8", $"{planId}-{table.CsvFile}", at);
            }
            if (file == table.JsonFile)
            {
                return PublicCaching.File(context, OpenDataWriter.Json(table), "application/json; charset=utf-8", $"{planId}-{table.JsonFile}", at);
            }
        }
        return Problems.NotFound($"There is no open-data file '{file}': use README.md, datapackage.json, open-data.zip or one of "
            + string.Join(", ", OpenDataTables.Names.Select(n => n + ".csv|json")) + ".");
    }

    private static readonly IReadOnlyList<string> OtherFiles =
    [
        "`plan.json` — the plan as the API gives it (GET /api/public/plans/{planId}): title, period, axes, timeline, forum, adoption.",
        "`repository.json` — everything above as nested records (GET /api/public/plans/{planId}/repository).",
        "`datapackage.json` — a Frictionless Data Package descriptor of the CSV files (types of every column).",
        "`action-plan-ar.docx`, `action-plan-fr.docx`, `action-plan-en.docx` — the action plan in the OGP template, in Arabic (right to left), French and English.",
    ];

    public static async Task<OpenDataSet?> OpenData(PublicRepositoryReader reader, string planId, CancellationToken ct)
    {
        var repo = await Read(reader, planId, ct);
        if (repo is null || await reader.ReadScopeAsync(planId) is not { } scope)
        {
            return null;
        }
        var hidden = repo.Contributions.Where(c => c.Hidden).Select(c => $"{c.RoundId}/{c.Id}").ToHashSet(StringComparer.Ordinal);
        var journal = new List<PublicJournalEvent>();
        long after = 0;
        while (true)
        {
            var (events, next) = await reader.ReadJournalAsync(scope, hidden, after, MaxLimit, ct);
            journal.AddRange(events);
            if (next is null)
            {
                break;
            }
            after = next.Value;
        }
        var tables = OpenDataTables.Build(repo, journal);
        return new OpenDataSet(repo, tables, OpenDataWriter.Readme(repo, tables, OtherFiles));
    }

    public static byte[] Zip(OpenDataSet set, PublishingLabelsProvider labels, string? siteUrl)
    {
        var repo = set.Repository;
        var files = new List<(string, byte[])>
        {
            ("README.md", Encoding.UTF8.GetBytes(set.Readme)),
            ("datapackage.json", OpenDataWriter.DataPackage(repo, set.Tables)),
            ("plan.json", JsonSerializer.SerializeToUtf8Bytes(repo.Plan, PublicJson.Indented)),
            ("repository.json", JsonSerializer.SerializeToUtf8Bytes(repo, PublicJson.Indented)),
        };
        foreach (var table in set.Tables)
        {
            files.Add((table.CsvFile, OpenDataWriter.Csv(table)));
            files.Add((table.JsonFile, OpenDataWriter.Json(table)));
        }
        foreach (var language in PublishingLabels.Languages)
        {
            files.Add(($"action-plan-{language}.docx", ActionPlanDocx.Render(ActionPlanDocumentBuilder.Build(repo, labels.For(language), siteUrl))));
        }
        return OpenDataWriter.Zip(files, repo.LastUpdated);
    }

    /// <summary>This site's address as the request reached it (for absolute permanent links in documents).</summary>
    private static string SiteUrl(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}";

    private static string DocxName(string planId, string language) => $"{planId}-action-plan-{language}.docx";
}
