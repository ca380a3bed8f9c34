using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Approvals;
using OgpCoCreate.Server.Tests.Consultations;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Publishing;

/// <summary>
/// A real server of its own with the demo data and a scenario played once over the public APIs, so that the
/// public repository has something of every kind to publish: a commitment approved by its whole chain (with a
/// comment full of commas, quotes, a line break and Arabic), a request for changes, consultation
/// contributions with published reasoned responses, a hidden contribution (with a report and a moderation
/// reason), an unpublished draft response, and actions by every demo account.
/// </summary>
public sealed class PublishingFixture : IAsyncLifetime
{
    public ServerFixture Server { get; } = new();

    public PublishingScenario Scenario { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Scenario = await PublishingScenario.PlayAsync(Server);
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PublishingCollection : ICollectionFixture<PublishingFixture>
{
    public const string Name = "publishing";
}

public sealed record PublishingScenario(
    string ApprovedCommitment,
    string ChangesRequestedCommitment,
    string ApprovalComment,
    string ChangesReason,
    string RoundId,
    string IdeasRoundId,
    string VisibleContributionId,
    string VisibleBody,
    string Justification,
    string HiddenContributionId,
    string HiddenBody,
    string HiddenReason,
    string ReportReason,
    string DraftJustification,
    IReadOnlyList<string> ParticipantEmails)
{
    public const string PlanId = "tn-nap5";

    /// <summary>A contribution that starts like a spreadsheet formula.</summary>
    public const string FormulaBody = "=HYPERLINK(\"http://example.org\",\"cliquez\") est une formule";

    public static IReadOnlyList<string> DemoEmails { get; } =
    [
        "admin@ogp.local", "secretariat@ogp.local", "focal.finance@ogp.local", "focal.inai@ogp.local", "focal.egov@ogp.local",
        "msf.gov@ogp.local", "msf.cso@ogp.local", "participant@ogp.local",
    ];

    public static async Task<PublishingScenario> PlayAsync(ServerFixture fixture)
    {
        var token = Guid.NewGuid().ToString("N")[..10];
        using var egov = await fixture.SignedInAs("focal.egov@ogp.local");
        using var inai = await fixture.SignedInAs("focal.inai@ogp.local");
        using var gov = await fixture.SignedInAs("msf.gov@ogp.local");
        using var cso = await fixture.SignedInAs("msf.cso@ogp.local");
        using var secretariat = await fixture.SignedInAs("secretariat@ogp.local");
        using var admin = await fixture.SignedInAs("admin@ogp.local");
        using var demoParticipant = await fixture.SignedInAs("participant@ogp.local");

        // tn-nap5-06 (E-Government Unit) goes through its whole chain: lead, supporter, both co-chairs.
        const string approved = "tn-nap5-06";
        var comment = "Validé, sous \"réserve\" d'un budget; voir l'annexe,\nseconde ligne — تمت المصادقة، مع تحفظ";
        await egov.KeepSupporters(approved, "inai");
        await egov.Submit(approved);
        var hash = await egov.Hash(approved);
        await egov.PostJson($"api/commitments/{approved}/approvals/approve", new { slot = "egov", contentHash = hash, comment });
        await inai.PostJson($"api/commitments/{approved}/approvals/approve", new { slot = "inai", contentHash = hash });
        await gov.PostJson($"api/commitments/{approved}/approvals/approve", new { slot = "forum-government", contentHash = hash });
        var chain = await cso.PostJson($"api/commitments/{approved}/approvals/approve", new { slot = "forum-civil-society", contentHash = hash });
        Assert.True(chain.GetProperty("complete").GetBoolean());

        // tn-nap5-05 (Access to Information Authority): approved by its lead, changes requested by its supporter.
        const string changes = "tn-nap5-05";
        const string reason = "Préciser le rôle de l'unité, SVP : \"qui publie quoi\".";
        await inai.KeepSupporters(changes, "egov");
        await inai.Submit(changes);
        var hash05 = await inai.Hash(changes);
        await inai.PostJson($"api/commitments/{changes}/approvals/approve", new { slot = "inai", contentHash = hash05 });
        await egov.PostJson($"api/commitments/{changes}/approvals/request-changes", new { slot = "egov", reason, contentHash = hash05 });

        // The administrator acts too (so that the journal holds an admin's action).
        (await admin.PostAsJsonAsync("api/commitments/tn-nap5-02/transitions", new { to = "Drafting" })).EnsureSuccessStatusCode();

        // Consultations: the demo round on draft commitments (tn-nap5-r1) and the demo call for ideas (tn-nap5-r2).
        const string round = "tn-nap5-r1";
        const string ideas = "tn-nap5-r2";
        var (amina, aminaEmail, _) = await ConsultationClients.NewParticipant(fixture, "Amina Ben Salah");
        var (other, otherEmail, _) = await ConsultationClients.NewParticipant(fixture, "Karim Trabelsi");
        using (amina)
        using (other)
        {
            var visibleBody = "Publier aussi les données, \"par région\", en CSV.\nسطر ثان بالعربية، مع فاصلة, et un point-virgule;";
            var visible = await (await amina.PostAsJsonAsync($"api/rounds/{round}/contributions",
                new { kind = "Comment", commitmentId = "tn-nap5-01", body = visibleBody })).Json();
            var hiddenBody = $"Mon numéro privé est le 20 555 {token} (SECRET-{token})";
            var hidden = await (await other.PostAsJsonAsync($"api/rounds/{round}/contributions",
                new { kind = "Comment", commitmentId = "tn-nap5-01", body = hiddenBody })).Json();
            var reportReason = $"Données personnelles REPORT-{token}";
            await (await amina.PostAsJsonAsync($"api/rounds/{round}/contributions/{hidden.GetProperty("id").GetString()}/report", new { reason = reportReason })).Json();
            var hiddenReason = $"Contient un numéro de téléphone MODERATION-{token}";
            var hiddenView = await (await cso.PostAsJsonAsync($"api/rounds/{round}/contributions/{hidden.GetProperty("id").GetString()}/hide", new { reason = hiddenReason })).Json();
            Assert.True(hiddenView.GetProperty("hidden").GetBoolean());

            var idea = await (await demoParticipant.PostAsJsonAsync($"api/rounds/{ideas}/contributions",
                new { kind = "Idea", title = "بوابة للميزانية البلدية", body = "نشر ميزانيات البلديات، بصيغة مفتوحة، كل ثلاثة أشهر.", axisId = "axis-2" })).Json();

            var justification = "Retenu : les données seront publiées \"par région\", en CSV, dès 2025.\nمقبول.";
            await (await secretariat.PutAsJsonAsync($"api/rounds/{round}/contributions/{visible.GetProperty("id").GetString()}/response",
                new { status = "Accepted", justification })).Json();
            await (await secretariat.PostAsync($"api/rounds/{round}/responses/publish", null)).Json();
            await (await secretariat.PutAsJsonAsync($"api/rounds/{ideas}/contributions/{idea.GetProperty("id").GetString()}/response",
                new { status = "PartiallyAccepted", justification = "سيتم إدراج جزء من المقترح في الالتزام 7." })).Json();
            await (await secretariat.PostAsync($"api/rounds/{ideas}/responses/publish", null)).Json();

            // Text a spreadsheet would run as a formula: the CSV guards it.
            var formula = await (await amina.PostAsJsonAsync($"api/rounds/{round}/contributions",
                new { kind = "Comment", commitmentId = "tn-nap5-06", body = FormulaBody })).Json();
            Assert.False(string.IsNullOrEmpty(formula.GetProperty("id").GetString()));

            // A response drafted after the publication stays a draft: not public.
            var second = await (await amina.PostAsJsonAsync($"api/rounds/{round}/contributions",
                new { kind = "Comment", commitmentId = "tn-nap5-05", body = "Et les communes ?" })).Json();
            var draft = $"Brouillon non publié DRAFT-{token}";
            await (await secretariat.PutAsJsonAsync($"api/rounds/{round}/contributions/{second.GetProperty("id").GetString()}/response",
                new { status = "Rejected", justification = draft })).Json();

            return new PublishingScenario(approved, changes, comment, reason, round, ideas,
                visible.GetProperty("id").GetString()!, visibleBody, justification,
                hidden.GetProperty("id").GetString()!, hiddenBody, hiddenReason, reportReason, draft,
                [aminaEmail, otherEmail]);
        }
    }
}

/// <summary>Small helpers over the public endpoints.</summary>
public static class PublicHttp
{
    public static async Task<JsonElement> Json(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<byte[]> Bytes(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }
}
