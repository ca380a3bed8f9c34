using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Seeding;

[Collection(ServerCollection.Name)]
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class DemoDataTests(ServerFixture fixture)
{
    [Fact]
    public async Task The_demo_plan_is_tunisias_fifth_plan_with_four_axes_and_fifteen_commitments()
    {
        using var client = fixture.Anonymous();

        var plan = await client.GetFromJsonAsync<JsonElement>("api/plans/tn-nap5");

        Assert.Equal("Tunisia", plan.GetProperty("country").GetString());
        Assert.Equal(4, plan.GetProperty("axes").GetArrayLength());
        var ids = plan.GetProperty("commitmentIds").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, 15).Select(i => $"tn-nap5-{i:00}"), ids.Order());
        foreach (var axis in plan.GetProperty("axes").EnumerateArray())
        {
            var name = axis.GetProperty("name");
            Assert.False(string.IsNullOrWhiteSpace(name.GetProperty("ar").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(name.GetProperty("fr").GetString()));
            Assert.False(string.IsNullOrWhiteSpace(name.GetProperty("en").GetString()));
        }
        var forum = plan.GetProperty("forum").EnumerateArray().ToList();
        Assert.Equal(2, forum.Count(m => m.GetProperty("coChair").GetBoolean()));
        Assert.Contains(forum, m => m.GetProperty("side").GetString() == "CivilSociety");
    }

    [Theory]
    [InlineData("tn-nap5-01", "finance")]
    [InlineData("tn-nap5-05", "inai")]
    [InlineData("tn-nap5-06", "egov")]
    public async Task Commitments_are_led_as_in_the_real_plan(string commitmentId, string lead)
    {
        using var client = fixture.Anonymous();

        var commitment = await client.GetFromJsonAsync<JsonElement>($"api/commitments/{commitmentId}");

        Assert.Equal(lead, commitment.GetProperty("details").GetProperty("leadInstitutionId").GetString());
        var fields = commitment.GetProperty("textFields").EnumerateArray().Select(f => f.GetString()).ToList();
        Assert.Contains("problem", fields);
        Assert.Contains("description", fields);
    }

    [Fact]
    public async Task The_e_government_unit_supports_the_access_to_information_commitment()
    {
        using var client = fixture.Anonymous();

        var commitment = await client.GetFromJsonAsync<JsonElement>("api/commitments/tn-nap5-05");

        Assert.Contains("egov", commitment.GetProperty("details").GetProperty("supportingInstitutionIds").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_real_institutions_are_there_with_names_in_three_languages()
    {
        using var client = fixture.Anonymous();

        var institutions = await client.GetFromJsonAsync<JsonElement>("api/institutions");

        var ids = institutions.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
        foreach (var expected in new[] { "finance", "inai", "egov", "agriculture", "bcrc", "article19", "solidar", "idaraty" })
        {
            Assert.Contains(expected, ids);
        }
        var finance = await client.GetFromJsonAsync<JsonElement>("api/institutions/finance");
        Assert.NotEmpty(finance.GetProperty("focalPoints").EnumerateArray());
    }

    [Fact]
    public async Task Every_demo_account_signs_in_with_the_demo_password()
    {
        foreach (var email in new[] { "secretariat@ogp.local", "focal.finance@ogp.local", "focal.inai@ogp.local", "focal.egov@ogp.local", "msf.gov@ogp.local", "msf.cso@ogp.local", "participant@ogp.local" })
        {
            var token = await fixture.TokenFor(email);
            Assert.False(string.IsNullOrEmpty(token), email);
        }
    }

    [Fact]
    public async Task The_plan_history_is_public_and_records_who_created_it()
    {
        using var client = fixture.Anonymous();

        var history = await client.GetFromJsonAsync<JsonElement>("api/plans/tn-nap5/history");

        var first = history.EnumerateArray().First();
        Assert.Equal("PlanCreated", first.GetProperty("eventType").GetString());
        Assert.Equal("system", first.GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task An_unknown_plan_is_a_404_problem()
    {
        using var client = fixture.Anonymous();

        var response = await client.GetAsync("api/plans/nowhere");

        await ProblemAssert.IsProblem(response, HttpStatusCode.NotFound);
    }
}
