using System.Text.Json.Serialization;
using OgpCoCreate.Commitments;
using OgpCoCreate.Consultations;

namespace OgpCoCreate.Publishing;

// The action plan in the OGP template as a small document model, in one language, with every label already
// translated. The DOCX (ActionPlanDocx) and the print view (print.html) both render this model, so they
// always say the same thing.

[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(DocHeading), "heading")]
[JsonDerivedType(typeof(DocParagraph), "paragraph")]
[JsonDerivedType(typeof(DocList), "list")]
[JsonDerivedType(typeof(DocTable), "table")]
[JsonDerivedType(typeof(DocFields), "fields")]
public abstract record DocBlock;

/// <summary>Level 1: a section of the template; 2: a commitment or sub-section; 3: a part of a commitment.</summary>
public sealed record DocHeading(int Level, string Text, string? Anchor = null) : DocBlock;

/// <summary>Style: null (body text), <c>meta</c> (small, muted) or <c>note</c>.</summary>
public sealed record DocParagraph(string Text, string? Style = null) : DocBlock;

public sealed record DocList(IReadOnlyList<string> Items) : DocBlock;

public sealed record DocTable(string? Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : DocBlock;

/// <summary>One row of a commitment's template table: label, value (may hold line breaks), and which field it is.</summary>
public sealed record DocField(string Field, string Label, string Value);

/// <summary>A two-column table of labelled values: the OGP commitment template.</summary>
public sealed record DocFields(string? Caption, IReadOnlyList<DocField> Rows, string? Anchor = null) : DocBlock;

public sealed record ActionPlanDocument(
    string PlanId,
    string Language,
    string Direction,
    string Title,
    string Subtitle,
    DateTimeOffset LastUpdated,
    IReadOnlyList<string> CommitmentIds,
    IReadOnlyList<DocBlock> Blocks);

public static class ActionPlanDocumentBuilder
{
    private const string P = "publishing.doc.";

    /// <param name="siteUrl">Where the site is (scheme, host, base path), to make the permanent links absolute in a document that leaves it.</param>
    public static ActionPlanDocument Build(PublicRepository repo, PublishingLabels l, string? siteUrl = null)
    {
        string Link(string path) => string.IsNullOrEmpty(siteUrl) ? path : siteUrl.TrimEnd('/') + path;
        var plan = repo.Plan;
        var lang = l.Language;
        var institutions = repo.Institutions.ToDictionary(i => i.Id);
        string Institution(string id) => institutions.TryGetValue(id, out var i) ? i.Name.For(lang) : id;
        string Axis(string id) => plan.Axes.FirstOrDefault(a => a.Id == id)?.Name.For(lang) ?? id;
        var blocks = new List<DocBlock>
        {
            new DocParagraph(l.Format(P + "meta", ("country", l.Enum("publishing.country", plan.Country)), ("period", l.Period(plan.Start, plan.End)), ("status", l.Enum("planStatus", plan.Status.ToString()))), "meta"),
            new DocParagraph(l.Format(P + "lastUpdated", ("date", l.Instant(repo.LastUpdated))), "meta"),
            new DocParagraph(l.Format(P + "permanentLink", ("url", Link(plan.Url))), "meta"),
        };

        // 1. Introduction
        blocks.Add(new DocHeading(1, l[P + "introduction"], "introduction"));
        blocks.Add(new DocParagraph(l.Format(P + "introText",
            ("title", plan.Title.For(lang)), ("period", l.Period(plan.Start, plan.End)),
            ("commitments", l.Number(repo.Commitments.Count)), ("axes", l.Number(plan.Axes.Count)), ("institutions", l.Number(repo.Institutions.Count)))));
        blocks.Add(new DocParagraph(l[P + "introSource"], "note"));

        // 2. Open government efforts to date
        blocks.Add(new DocHeading(1, l[P + "efforts"], "efforts"));
        blocks.Add(new DocParagraph(l[P + "effortsText"]));
        blocks.Add(new DocHeading(2, l[P + "axes"]));
        blocks.Add(new DocTable(null, [l[P + "axis"], l[P + "commitmentCount"]],
            [.. plan.Axes.Select(a => (IReadOnlyList<string>)[a.Name.For(lang), l.Number(repo.Commitments.Count(c => c.Details.AxisId == a.Id))])]));
        blocks.Add(new DocHeading(2, l[P + "institutions"]));
        blocks.Add(new DocTable(null, [l[P + "institution"], l[P + "kind"], l[P + "leads"], l[P + "supports"]],
            [.. repo.Institutions.Select(i => (IReadOnlyList<string>)[
                i.Name.For(lang), l.Enum("institutionKind", i.Kind.ToString()), Numbers(repo, i.Leads), Numbers(repo, i.Supports)])]));

        // 3. Co-creation process
        blocks.Add(new DocHeading(1, l[P + "process"], "process"));
        blocks.Add(new DocParagraph(l[P + "processText"]));
        blocks.Add(new DocHeading(2, l[P + "timeline"]));
        blocks.Add(plan.Timeline.Count == 0
            ? new DocParagraph(l[P + "noTimeline"], "note")
            : new DocTable(null, [l[P + "phase"], l[P + "start"], l[P + "end"]],
                [.. plan.Timeline.Select(p => (IReadOnlyList<string>)[p.Name.For(lang), l.Date(p.Start), l.Date(p.End)])]));
        blocks.Add(new DocHeading(2, l[P + "forum"]));
        var government = plan.Forum.Count(m => m.Side == Plans.ForumSide.Government);
        blocks.Add(new DocParagraph(l.Format(P + "forumText", ("members", l.Number(plan.Forum.Count)),
            ("government", l.Number(government)), ("civilSociety", l.Number(plan.Forum.Count - government)))));
        if (plan.Forum.Count > 0)
        {
            blocks.Add(new DocTable(null, [l[P + "member"], l[P + "organisation"], l[P + "side"], l[P + "coChair"]],
                [.. plan.Forum.Select(m => (IReadOnlyList<string>)[m.Name, m.Organisation.For(lang), l.Enum("side", m.Side.ToString()), m.CoChair ? l[P + "yes"] : ""])]));
        }
        blocks.Add(new DocHeading(2, l[P + "consultation"]));
        if (repo.Rounds.Count == 0)
        {
            blocks.Add(new DocParagraph(l[P + "noRounds"], "note"));
        }
        else
        {
            var answered = repo.Contributions.Count(c => c.Response is { } r && ConsultationLimits.IsFinal(r.Status));
            blocks.Add(new DocParagraph(l.Format(P + "consultationText", ("rounds", l.Number(repo.Rounds.Count)),
                ("contributions", l.Number(repo.Contributions.Count)), ("answered", l.Number(answered)))));
            blocks.Add(new DocTable(null,
                [l[P + "round"], l[P + "scope"], l[P + "opens"], l[P + "closes"], l[P + "status"], l[P + "contributions"], l[P + "answered"]],
                [.. repo.Rounds.Select(r => (IReadOnlyList<string>)[
                    r.Title.For(lang), l.Enum("publishing.roundScope", r.Scope.ToString()), l.Date(DateOnly.FromDateTime(r.OpensAt.UtcDateTime)),
                    l.Date(DateOnly.FromDateTime(r.ClosesAt.UtcDateTime)), l.Enum("publishing.roundStatus", r.Status.ToString()),
                    l.Number(r.Contributions), l.Number(r.Answered)])]));
        }
        blocks.Add(new DocHeading(2, l[P + "approval"]));
        var approved = repo.Commitments.Count(c => c.ApprovedVersion is { Current: true });
        blocks.Add(new DocParagraph(l.Format(P + "approvalText", ("approved", l.Number(approved)), ("commitments", l.Number(repo.Commitments.Count)))));
        blocks.Add(new DocParagraph(plan.Adoption is { Adopted: true, AdoptedAt: { } adoptedAt } adoption
            ? l.Format(P + "adopted", ("date", l.Instant(adoptedAt)), ("name", adoption.AdoptedByName ?? ""))
            : l[P + "notAdopted"]));

        // 4. Commitments
        blocks.Add(new DocHeading(1, l[P + "commitments"], "commitments"));
        if (repo.Commitments.Count == 0)
        {
            blocks.Add(new DocParagraph(l[P + "noCommitments"], "note"));
        }
        foreach (var c in repo.Commitments)
        {
            var d = c.Details;
            var title = d.Title.For(lang);
            string Text(string field) => c.Texts.FirstOrDefault(t => t.Field == field)?.Text ?? "";
            var supporters = d.SupportingInstitutionIds.Select(id => (Id: id, State: !institutions.TryGetValue(id, out var i) || i.StateActor)).ToList();
            var values = new (bool On, string Key)[]
            {
                (d.Values.Transparency, "transparency"), (d.Values.CivicParticipation, "civicParticipation"),
                (d.Values.PublicAccountability, "publicAccountability"), (d.Values.Technology, "technology"), (d.Values.Inclusion, "inclusion"),
            };
            var relevant = string.Join(" · ", values.Where(v => v.On).Select(v => l["ogpValues." + v.Key]));
            var rows = new List<DocField>
            {
                new("number", l[P + "f.number"], l.Format(P + "numbered", ("number", d.Number), ("title", title))),
                new("id", l[P + "f.id"], c.Id),
                new("lead", l[P + "f.lead"], Institution(d.LeadInstitutionId)),
                new("supportingState", l[P + "f.supportingState"], Lines(supporters.Where(s => s.State).Select(s => Institution(s.Id)))),
                new("supportingNonState", l[P + "f.supportingNonState"], Lines(supporters.Where(s => !s.State).Select(s => Institution(s.Id)))),
                new("period", l[P + "f.period"], l.Period(d.Start, d.End)),
                new("axis", l[P + "f.axis"], Axis(d.AxisId)),
                new("policyAreas", l[P + "f.policyAreas"], string.Join(", ", d.PolicyAreas)),
                new("status", l[P + "f.status"], l.Enum("commitmentStatus", c.Status.ToString())),
                new(CommitmentTextFields.Problem, l[P + "f.problem"], Text(CommitmentTextFields.Problem)),
                new("baseline", l[P + "f.baseline"], d.Baseline),
                new(CommitmentTextFields.StatusQuo, l[P + "f.statusQuo"], Text(CommitmentTextFields.StatusQuo)),
                new(CommitmentTextFields.Description, l[P + "f.description"], Text(CommitmentTextFields.Description)),
                new(CommitmentTextFields.Contribution, l[P + "f.contribution"], Text(CommitmentTextFields.Contribution)),
                new(CommitmentTextFields.OgpRelevance, l[P + "f.ogpRelevance"], Lines([relevant, Text(CommitmentTextFields.OgpRelevance)])),
                new(CommitmentTextFields.Ambition, l[P + "f.ambition"], Text(CommitmentTextFields.Ambition)),
                new("budget", l[P + "f.budget"], Budget(d.Budget, l)),
                new("nationalPlanLinks", l[P + "f.nationalPlanLinks"], Lines(d.NationalPlanLinks)),
                new("sdgs", l[P + "f.sdgs"], string.Join(", ", d.Sdgs.Select(n => l.Format(P + "sdg", ("number", n))))),
                new("approvedVersion", l[P + "f.approvedVersion"], Approved(c, l)),
                new("lastUpdated", l[P + "f.lastUpdated"], l.Instant(c.LastUpdated)),
                new("url", l[P + "f.url"], Link(c.Url)),
            };
            blocks.Add(new DocHeading(2, l.Format(P + "numbered", ("number", d.Number), ("title", title)), "c-" + c.Id));
            blocks.Add(new DocFields(null, [.. rows.Where(r => !string.IsNullOrWhiteSpace(r.Value) || r.Field is "lead" or "status")], "t-" + c.Id));
            blocks.Add(new DocHeading(3, l[P + "milestones"]));
            blocks.Add(d.Milestones.Count == 0
                ? new DocParagraph(l[P + "noMilestones"], "note")
                : new DocTable(null,
                    [l[P + "m.number"], l[P + "m.action"], l[P + "m.output"], l[P + "m.start"], l[P + "m.end"], l[P + "m.responsible"]],
                    [.. d.Milestones.Select((m, i) => (IReadOnlyList<string>)[
                        l.Number(i + 1), m.Action, m.ExpectedOutput, l.Date(m.Start), l.Date(m.End), Institution(m.ResponsibleInstitutionId)])]));
        }
        blocks.Add(new DocParagraph(l.Format(P + "generated", ("date", l.Instant(repo.LastUpdated))), "meta"));

        return new ActionPlanDocument(plan.Id, lang, l.RightToLeft ? "rtl" : "ltr", plan.Title.For(lang),
            l.Format(P + "subtitle", ("country", l.Enum("publishing.country", plan.Country)), ("period", $"{plan.Start.Year}–{plan.End.Year}")),
            repo.LastUpdated, [.. repo.Commitments.Select(c => c.Id)], blocks);
    }

    private static string Numbers(PublicRepository repo, IReadOnlyList<string> commitmentIds) =>
        string.Join(", ", commitmentIds.Select(id => repo.Commitments.FirstOrDefault(c => c.Id == id)?.Details.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? id));

    private static string Lines(IEnumerable<string> lines) => string.Join("\n", lines.Where(s => !string.IsNullOrWhiteSpace(s)));

    private static string Budget(Budget? budget, PublishingLabels l)
    {
        if (budget is null)
        {
            return "";
        }
        var amount = budget.Amount is { } a ? $"{a.ToString("N0", l.Culture)} {budget.Currency}" : l[P + "budgetUnknown"];
        return string.IsNullOrWhiteSpace(budget.Source) ? amount : $"{amount}\n{budget.Source}";
    }

    private static string Approved(PublicCommitment c, PublishingLabels l)
    {
        if (c.ApprovedVersion is not { } v)
        {
            return l[P + "notApproved"];
        }
        var text = l.Format(P + "approvedOn", ("date", l.Instant(v.ApprovedAt)), ("hash", v.ContentHash[..Math.Min(12, v.ContentHash.Length)]));
        var signatures = string.Join(", ", v.Signatures.Select(s => s.ByName).Where(n => !string.IsNullOrWhiteSpace(n)).Distinct());
        if (signatures.Length > 0)
        {
            text += "\n" + l.Format(P + "approvedBy", ("names", signatures));
        }
        return text + "\n" + l[v.Current ? P + "approvedCurrent" : P + "approvedChanged"];
    }
}
