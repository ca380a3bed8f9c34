using System.Globalization;
using System.Text.Json;
using OgpCoCreate.Commitments;
using OgpCoCreate.Common;

namespace OgpCoCreate.Publishing;

/// <summary>How a column's values are written (the README explains each to readers of the files).</summary>
public enum ColumnType
{
    Text,
    Integer,
    Decimal,
    Boolean,
    Date,
    DateTime,

    /// <summary>A JSON array (in CSV: its compact JSON text).</summary>
    List,

    /// <summary>Any JSON value (in CSV: its compact JSON text).</summary>
    Json,
}

public sealed record OpenDataColumn(string Name, ColumnType Type, string Description);

/// <summary>
/// One open-data table: its columns and rows. The same definition writes the CSV, the JSON, the README and
/// the datapackage.json, so the four never disagree. Row values are typed (string, long, decimal, bool,
/// DateOnly, DateTimeOffset, string/int lists, JsonElement) or null.
/// </summary>
public sealed record OpenDataTable(string Name, string Title, string Description, IReadOnlyList<OpenDataColumn> Columns, IReadOnlyList<object?[]> Rows)
{
    public string CsvFile => Name + ".csv";
    public string JsonFile => Name + ".json";
}

/// <summary>The public repository as flat tables (CSV and JSON), one row per item.</summary>
public static class OpenDataTables
{
    /// <summary>The tables in the order the README lists them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "commitments", "commitment_texts", "approved_texts", "milestones", "institutions", "axes", "timeline", "forum_members",
        "rounds", "contributions", "approvals", "approval_slots", "journal_events",
    ];

    public static IReadOnlyList<OpenDataTable> Build(PublicRepository repo, IReadOnlyList<PublicJournalEvent> journal) =>
        [
            Commitments(repo), CommitmentTexts(repo), ApprovedTexts(repo), Milestones(repo), Institutions(repo), Axes(repo), Timeline(repo),
            ForumMembers(repo), Rounds(repo), Contributions(repo), Approvals(repo), ApprovalSlots(repo), JournalEvents(journal),
        ];

    private static OpenDataColumn C(string name, ColumnType type, string description) => new(name, type, description);

    private static IEnumerable<OpenDataColumn> Localized(string prefix, string what) =>
    [
        C(prefix + "_ar", ColumnType.Text, what + " in Arabic"),
        C(prefix + "_fr", ColumnType.Text, what + " in French"),
        C(prefix + "_en", ColumnType.Text, what + " in English"),
    ];

    private static IEnumerable<object?> Localized(LocalizedText? text) => [text?.Ar, text?.Fr, text?.En];

    private static OpenDataTable Commitments(PublicRepository repo)
    {
        var columns = new List<OpenDataColumn>
        {
            C("id", ColumnType.Text, "Permanent id of the commitment (e.g. tn-nap5-01)"),
            C("plan_id", ColumnType.Text, "Id of the action plan"),
            C("number", ColumnType.Integer, "Number of the commitment in the plan"),
        };
        columns.AddRange(Localized("title", "Title"));
        columns.AddRange(
        [
            C("axis_id", ColumnType.Text, "Thematic axis (see axes)"),
            C("status", ColumnType.Text, "Lifecycle status: Proposed, Drafting, InConsultation, Revised, PendingApproval, Approved, InImplementation, Completed, Withdrawn"),
            C("lead_institution_id", ColumnType.Text, "Lead implementing institution (see institutions)"),
            C("supporting_institution_ids", ColumnType.List, "Supporting institutions, state and non-state (see institutions)"),
            C("policy_areas", ColumnType.List, "Policy areas"),
            C("start", ColumnType.Date, "Start date"),
            C("end", ColumnType.Date, "End date"),
            C("baseline", ColumnType.Text, "Baseline situation"),
            C("transparency", ColumnType.Boolean, "Relevant to the OGP value of transparency"),
            C("civic_participation", ColumnType.Boolean, "Relevant to civic participation"),
            C("public_accountability", ColumnType.Boolean, "Relevant to public accountability"),
            C("technology", ColumnType.Boolean, "Uses technology and innovation"),
            C("inclusion", ColumnType.Boolean, "Addresses inclusion"),
            C("budget_amount", ColumnType.Decimal, "Budget amount (empty when not set)"),
            C("budget_currency", ColumnType.Text, "Budget currency"),
            C("budget_source", ColumnType.Text, "Source of funding"),
            C("national_plan_links", ColumnType.List, "Links to national plans and strategies"),
            C("sdgs", ColumnType.List, "Sustainable Development Goals (numbers)"),
        ]);
        foreach (var field in CommitmentTextFields.All)
        {
            columns.Add(C(Snake(field), ColumnType.Text, $"Current text of the live field '{field}' (see commitment_texts for its version)"));
        }
        columns.AddRange(
        [
            C("approved_content_hash", ColumnType.Text, "Content version (SHA-256) the whole approval chain last completed on; empty if never approved"),
            C("approved_at", ColumnType.DateTime, "When that approval was completed"),
            C("approved_is_current", ColumnType.Boolean, "Whether the commitment still reads exactly as approved"),
            C("current_content_hash", ColumnType.Text, "Content version (SHA-256) of the commitment as it is now"),
            C("round_ids", ColumnType.List, "Consultation rounds about this commitment (see rounds)"),
            C("version", ColumnType.Integer, "Version of the structured fields"),
            C("updated_at", ColumnType.DateTime, "Last change of the structured fields"),
            C("last_updated", ColumnType.DateTime, "Last change of anything about the commitment (fields, texts, approvals)"),
            C("url", ColumnType.Text, "Permanent link in the public repository"),
        ]);
        var rows = repo.Commitments.Select(c =>
        {
            var d = c.Details;
            var row = new List<object?> { c.Id, c.PlanId, (long)d.Number };
            row.AddRange(Localized(d.Title));
            row.AddRange(
            [
                d.AxisId, c.Status.ToString(), d.LeadInstitutionId, d.SupportingInstitutionIds, d.PolicyAreas, d.Start, d.End, d.Baseline,
                d.Values.Transparency, d.Values.CivicParticipation, d.Values.PublicAccountability, d.Values.Technology, d.Values.Inclusion,
                d.Budget?.Amount, d.Budget?.Currency, d.Budget?.Source, d.NationalPlanLinks, d.Sdgs,
            ]);
            row.AddRange(CommitmentTextFields.All.Select(f => (object?)c.Texts.FirstOrDefault(t => t.Field == f)?.Text));
            row.AddRange(
            [
                c.ApprovedVersion?.ContentHash, c.ApprovedVersion?.ApprovedAt, c.ApprovedVersion?.Current, c.Approval?.CurrentContentHash,
                c.RoundIds, (long)c.Version, c.UpdatedAt, c.LastUpdated, c.Url,
            ]);
            return row.ToArray();
        }).ToList();
        return new("commitments", "Commitments", "One line per commitment of the plan, in the fields of the OGP commitment template, with its current texts.", columns, rows);
    }

    private static OpenDataTable CommitmentTexts(PublicRepository repo) => new(
        "commitment_texts", "Commitment texts", "The live texts of each commitment as they are now, with their version and last edit.",
        [
            C("commitment_id", ColumnType.Text, "Commitment (see commitments)"),
            C("field", ColumnType.Text, "Field of the OGP template: " + string.Join(", ", CommitmentTextFields.All)),
            C("version", ColumnType.Integer, "Version of the text (number of accepted edits)"),
            C("updated_at", ColumnType.DateTime, "When the last edit was accepted"),
            C("text", ColumnType.Text, "The text"),
        ],
        [.. repo.Commitments.SelectMany(c => c.Texts.Select(t => new object?[] { c.Id, t.Field, t.Version, t.UpdatedAt, t.Text }))]);

    private static OpenDataTable ApprovedTexts(PublicRepository repo) => new(
        "approved_texts", "Approved texts", "The texts of each commitment as they read in its approved version (the version its institutions and the forum are bound to).",
        [
            C("commitment_id", ColumnType.Text, "Commitment (see commitments)"),
            C("content_hash", ColumnType.Text, "Approved content version (SHA-256)"),
            C("approved_at", ColumnType.DateTime, "When the approval chain was completed"),
            C("field", ColumnType.Text, "Field of the OGP template"),
            C("version", ColumnType.Integer, "Version of the text that was approved"),
            C("text", ColumnType.Text, "The text as approved"),
        ],
        [.. repo.Commitments.Where(c => c.ApprovedVersion is not null).SelectMany(c => c.ApprovedVersion!.Texts.Select(t =>
            new object?[] { c.Id, c.ApprovedVersion!.ContentHash, c.ApprovedVersion.ApprovedAt, t.Field, t.Version, t.Text }))]);

    private static OpenDataTable Milestones(PublicRepository repo) => new(
        "milestones", "Milestones", "The milestones of every commitment (OGP template: activity, expected output, dates, responsible institution).",
        [
            C("commitment_id", ColumnType.Text, "Commitment (see commitments)"),
            C("commitment_number", ColumnType.Integer, "Number of the commitment"),
            C("position", ColumnType.Integer, "Order of the milestone in the commitment (1, 2 …)"),
            C("milestone_id", ColumnType.Text, "Id of the milestone within its commitment"),
            C("action", ColumnType.Text, "Activity / milestone"),
            C("expected_output", ColumnType.Text, "Expected output"),
            C("start", ColumnType.Date, "Start date"),
            C("end", ColumnType.Date, "End date"),
            C("responsible_institution_id", ColumnType.Text, "Responsible institution (see institutions)"),
        ],
        [.. PublicMilestone.All(repo).Select(m => new object?[]
            { m.CommitmentId, (long)m.CommitmentNumber, (long)m.Position, m.Id, m.Action, m.ExpectedOutput, m.Start, m.End, m.ResponsibleInstitutionId })]);

    private static OpenDataTable Institutions(PublicRepository repo)
    {
        var columns = new List<OpenDataColumn> { C("id", ColumnType.Text, "Permanent id of the institution") };
        columns.AddRange(Localized("name", "Name"));
        columns.AddRange(
        [
            C("kind", ColumnType.Text, "Ministry, IndependentAuthority, Cso, Municipality, Parliament or Other"),
            C("acronym", ColumnType.Text, "Acronym"),
            C("state_actor", ColumnType.Boolean, "State actor (false: civil society and other non-state actors)"),
            C("leads", ColumnType.List, "Commitments it leads"),
            C("supports", ColumnType.List, "Commitments it supports"),
            C("version", ColumnType.Integer, "Version of the institution's record"),
            C("updated_at", ColumnType.DateTime, "Last change"),
            C("url", ColumnType.Text, "Permanent link"),
        ]);
        return new("institutions", "Institutions", "The institutions taking part in the plan (focal points are not published here).", columns,
            [.. repo.Institutions.Select(i => new object?[] { i.Id }.Concat(Localized(i.Name))
                .Concat([i.Kind.ToString(), i.Acronym, i.StateActor, i.Leads, i.Supports, (long)i.Version, i.UpdatedAt, i.Url]).ToArray())]);
    }

    private static OpenDataTable Axes(PublicRepository repo)
    {
        var columns = new List<OpenDataColumn> { C("plan_id", ColumnType.Text, "Action plan"), C("axis_id", ColumnType.Text, "Id of the thematic axis") };
        columns.AddRange(Localized("name", "Name"));
        return new("axes", "Thematic axes", "The plan's thematic axes.", columns,
            [.. repo.Plan.Axes.Select(a => new object?[] { repo.Plan.Id, a.Id }.Concat(Localized(a.Name)).ToArray())]);
    }

    private static OpenDataTable Timeline(PublicRepository repo)
    {
        var columns = new List<OpenDataColumn> { C("plan_id", ColumnType.Text, "Action plan"), C("phase_id", ColumnType.Text, "Id of the phase") };
        columns.AddRange(Localized("name", "Name"));
        columns.Add(C("start", ColumnType.Date, "First day"));
        columns.Add(C("end", ColumnType.Date, "Last day"));
        return new("timeline", "Co-creation timeline", "The phases of the co-creation calendar.", columns,
            [.. repo.Plan.Timeline.Select(p => new object?[] { repo.Plan.Id, p.Id }.Concat(Localized(p.Name)).Concat([p.Start, p.End]).ToArray())]);
    }

    private static OpenDataTable ForumMembers(PublicRepository repo)
    {
        var columns = new List<OpenDataColumn>
        {
            C("plan_id", ColumnType.Text, "Action plan"),
            C("position", ColumnType.Integer, "Order in the forum's list"),
            C("name", ColumnType.Text, "Name of the member"),
        };
        columns.AddRange(Localized("organisation", "Organisation"));
        columns.Add(C("side", ColumnType.Text, "Government or CivilSociety"));
        columns.Add(C("co_chair", ColumnType.Boolean, "Co-chair of the forum"));
        return new("forum_members", "Forum members", "Membership of the multi-stakeholder forum (Joint Advisory Committee).", columns,
            [.. repo.Plan.Forum.Select(m => new object?[] { repo.Plan.Id, (long)m.Position, m.Name }.Concat(Localized(m.Organisation))
                .Concat([m.Side.ToString(), m.CoChair]).ToArray())]);
    }

    private static OpenDataTable Rounds(PublicRepository repo)
    {
        var columns = new List<OpenDataColumn>
        {
            C("id", ColumnType.Text, "Permanent id of the round"),
            C("plan_id", ColumnType.Text, "Action plan"),
            C("scope", ColumnType.Text, "Ideas (proposals on the whole plan) or Commitments (comments on draft commitments)"),
        };
        columns.AddRange(Localized("title", "Title"));
        columns.AddRange(
        [
            C("status", ColumnType.Text, "Scheduled, Open, Closed, Answered or Published"),
            C("announced_at", ColumnType.DateTime, "When the round was announced"),
            C("opens_at", ColumnType.DateTime, "Planned opening"),
            C("closes_at", ColumnType.DateTime, "Planned closing"),
            C("opened_at", ColumnType.DateTime, "Actual opening"),
            C("closed_at", ColumnType.DateTime, "Actual closing"),
            C("notice_override_reason", ColumnType.Text, "Why the round opened before the end of the notice period, if it did"),
            C("commitment_ids", ColumnType.List, "Commitments consulted on"),
            C("contributions", ColumnType.Integer, "Number of contributions (hidden ones included)"),
            C("answered", ColumnType.Integer, "Contributions with a published, final response"),
            C("hidden", ColumnType.Integer, "Contributions hidden by moderation"),
            C("updated_at", ColumnType.DateTime, "Last change"),
            C("url", ColumnType.Text, "Permanent link"),
        ]);
        return new("rounds", "Consultation rounds", "The public consultation rounds of the plan.", columns,
            [.. repo.Rounds.Select(r => new object?[] { r.Id, r.PlanId, r.Scope.ToString() }.Concat(Localized(r.Title)).Concat(
            [
                r.Status.ToString(), r.AnnouncedAt, r.OpensAt, r.ClosesAt, r.OpenedAt, r.ClosedAt, r.NoticeOverrideReason, r.CommitmentIds,
                (long)r.Contributions, (long)r.Answered, (long)r.Hidden, r.UpdatedAt, r.Url,
            ]).ToArray())]);
    }

    private static OpenDataTable Contributions(PublicRepository repo) => new(
        "contributions", "Contributions and responses",
        "Every contribution to the consultation rounds with its reasoned response. Hidden contributions keep their line without title, body, quote or author.",
        [
            C("round_id", ColumnType.Text, "Round (see rounds)"),
            C("id", ColumnType.Text, "Id of the contribution within its round"),
            C("kind", ColumnType.Text, "Idea, Comment or Reply"),
            C("parent_id", ColumnType.Text, "The contribution a reply answers"),
            C("author_name", ColumnType.Text, "Name the author chose to show"),
            C("posted_at", ColumnType.DateTime, "When it was posted"),
            C("title", ColumnType.Text, "Title (ideas)"),
            C("body", ColumnType.Text, "Text (Markdown)"),
            C("hidden", ColumnType.Boolean, "Hidden by moderation"),
            C("axis_id", ColumnType.Text, "Axis the idea is about"),
            C("institution_id", ColumnType.Text, "Institution it is addressed to"),
            C("commitment_id", ColumnType.Text, "Commitment it comments on"),
            C("document_id", ColumnType.Text, "Live text it is anchored to ({commitmentId}/{field})"),
            C("quote", ColumnType.Text, "The passage it quoted"),
            C("passage_state", ColumnType.Text, "What became of that passage: Intact, Edited or Removed"),
            C("supports", ColumnType.Integer, "Number of people who support it"),
            C("response_status", ColumnType.Text, "Unanswered, UnderReview, Accepted, PartiallyAccepted, MergedInto or Rejected"),
            C("merged_into_commitment_id", ColumnType.Text, "Commitment it was merged into"),
            C("justification", ColumnType.Text, "The reasoned response"),
            C("responded_by", ColumnType.Text, "Who published the response"),
            C("responded_at", ColumnType.DateTime, "When the response was published"),
        ],
        [.. repo.Contributions.Select(c => new object?[]
        {
            c.RoundId, c.Id, c.Kind.ToString(), c.ParentId, c.AuthorName, c.At, c.Title, c.Body, c.Hidden, c.AxisId, c.InstitutionId, c.CommitmentId,
            c.DocumentId, c.Quote, c.PassageState?.ToString(), (long)c.Supports, c.Status.ToString(), c.Response?.MergedIntoCommitmentId,
            c.Response?.Justification, c.Response?.ByName, c.Response?.At,
        })]);

    private static OpenDataTable Approvals(PublicRepository repo) => new(
        "approvals", "Approval decisions",
        "Every approval action on every commitment, from the journal: who approved, asked for changes or withdrew, when, and on which content version.",
        [
            C("sequence", ColumnType.Integer, "Position in the public journal (see journal_events)"),
            C("commitment_id", ColumnType.Text, "Commitment (see commitments)"),
            C("event", ColumnType.Text, "ApprovalGiven, ChangesRequested, ApprovalWithdrawn, TaskResolved, ApprovalCompleted (the whole chain approved) or ApprovalsInvalidated (the content changed after approval)"),
            C("slot", ColumnType.Text, "Whose signature: an institution id, forum-government or forum-civil-society"),
            C("stage", ColumnType.Text, "Lead, Supporting or Forum"),
            C("institution_id", ColumnType.Text, "Institution that signed"),
            C("forum_side", ColumnType.Text, "Government or CivilSociety (forum co-chairs)"),
            C("capacity", ColumnType.Text, "FocalPoint, Delegate, EscalatedAlternate or CoChair"),
            C("by_name", ColumnType.Text, "Who acted (the system for completions and invalidations)"),
            C("at", ColumnType.DateTime, "When"),
            C("content_hash", ColumnType.Text, "Content version (SHA-256) the action is about"),
            C("comment", ColumnType.Text, "Comment, reason for the requested changes, or resolution note"),
        ],
        [.. repo.ApprovalDecisions.Select(d => new object?[]
            { d.Sequence, d.CommitmentId, d.EventType, d.Slot, d.Stage, d.InstitutionId, d.ForumSide, d.Capacity, d.ByName, d.At, d.ContentHash, d.Comment })]);

    private static OpenDataTable ApprovalSlots(PublicRepository repo) => new(
        "approval_slots", "Approval chain", "Where each commitment's approval chain stands now, signature by signature.",
        [
            C("commitment_id", ColumnType.Text, "Commitment (see commitments)"),
            C("slot", ColumnType.Text, "An institution id, forum-government or forum-civil-society"),
            C("stage", ColumnType.Text, "Lead, Supporting or Forum"),
            C("institution_id", ColumnType.Text, "Institution"),
            C("forum_side", ColumnType.Text, "Government or CivilSociety"),
            C("state", ColumnType.Text, "Pending, Approved or ChangesRequested"),
            C("stale", ColumnType.Boolean, "Approved, but the content changed since"),
            C("by_name", ColumnType.Text, "Who signed"),
            C("capacity", ColumnType.Text, "FocalPoint, Delegate, EscalatedAlternate or CoChair"),
            C("at", ColumnType.DateTime, "When"),
            C("content_hash", ColumnType.Text, "Content version (SHA-256) signed"),
            C("comment", ColumnType.Text, "Comment"),
        ],
        [.. repo.Commitments.Where(c => c.Approval is not null).SelectMany(c => c.Approval!.Slots.Select(s => new object?[]
        {
            c.Id, s.Slot, s.Stage.ToString(), s.InstitutionId, s.ForumSide?.ToString(), s.State.ToString(), s.Stale, s.ByName, s.Capacity?.ToString(),
            s.At, s.ContentHash, s.Comment,
        }))]);

    private static OpenDataTable JournalEvents(IReadOnlyList<PublicJournalEvent> journal) => new(
        "journal_events", "Journal", "The append-only journal of the plan, its commitments, institutions, approvals and rounds: every change, who and when.",
        [
            C("sequence", ColumnType.Integer, "Position in the journal (increasing; gaps are entries of other plans or private ones)"),
            C("grain_type", ColumnType.Text, "What changed: plan, commitment, institution, approval, plan-adoption, approval-delegations, consultation-index, consultation-round"),
            C("grain_key", ColumnType.Text, "Its id"),
            C("event", ColumnType.Text, "What happened (e.g. CommitmentCreated, ApprovalGiven, ResponsesPublished)"),
            C("actor_name", ColumnType.Text, "Who did it; empty where the public views do not name them (supports, moderation, drafts, hidden contributions)"),
            C("at", ColumnType.DateTime, "When"),
            C("payload", ColumnType.Json, "Details of the event (JSON). What people wrote in consultations appears as SHA-256 digests; published responses in full"),
        ],
        [.. journal.Select(e => new object?[] { e.Sequence, e.GrainType, e.GrainKey, e.EventType, e.ActorName, e.At, e.Payload })]);

    /// <summary>problem → problem, statusQuo → status_quo.</summary>
    public static string Snake(string name) => string.Concat(name.Select((ch, i) => char.IsUpper(ch) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(ch) : ch.ToString()));

    // ---- values -----------------------------------------------------------------------------------------

    /// <summary>The text of a value as CSV writes it (before quoting), without the spreadsheet guard.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        bool b => b ? "true" : "false",
        long n => n.ToString(CultureInfo.InvariantCulture),
        int n => n.ToString(CultureInfo.InvariantCulture),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => FormatInstant(t),
        JsonElement e => e.GetRawText(),
        System.Collections.IEnumerable list => JsonSerializer.Serialize(list, PublicJson.Options),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Instants are published in UTC with a Z and seven decimals, the same in CSV and JSON.</summary>
    public static string FormatInstant(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

/// <summary>A milestone with the commitment it belongs to: a row of the milestones table and of the public API.</summary>
public sealed record PublicMilestone(
    string CommitmentId,
    int CommitmentNumber,
    int Position,
    string Id,
    string Action,
    string ExpectedOutput,
    DateOnly Start,
    DateOnly End,
    string ResponsibleInstitutionId)
{
    public string Key => $"{CommitmentId}/{Id}";

    public static IEnumerable<PublicMilestone> All(PublicRepository repo) =>
        repo.Commitments.SelectMany(c => c.Details.Milestones.Select((m, i) =>
            new PublicMilestone(c.Id, c.Details.Number, i + 1, m.Id, m.Action, m.ExpectedOutput, m.Start, m.End, m.ResponsibleInstitutionId)));
}
