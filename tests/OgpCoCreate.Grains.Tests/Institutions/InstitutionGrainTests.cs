using OgpCoCreate.Common;
using OgpCoCreate.Institutions;

namespace OgpCoCreate.Grains.Tests.Institutions;

[Collection(ClusterCollection.Name)]
public sealed class InstitutionGrainTests(ClusterFixture fixture)
{
    private static InstitutionDefinition Definition() =>
        new(new LocalizedText("وزارة المالية", "Ministère des Finances", "Ministry of Finance"), InstitutionKind.Ministry, "MF");

    private (IInstitutionGrain Grain, string Id) NewInstitution()
    {
        var id = $"inst-{Guid.NewGuid():N}";
        return (fixture.Grains.GetGrain<IInstitutionGrain>(id), id);
    }

    [Fact]
    public async Task The_secretariat_registers_an_institution_with_names_in_three_languages()
    {
        var (institution, id) = NewInstitution();

        var created = await institution.Create(TestActors.Secretariat, Definition());

        Assert.Equal("وزارة المالية", created.Name.Ar);
        Assert.Equal(InstitutionKind.Ministry, created.Kind);
        Assert.Equal(1, created.Version);
        Assert.Equal("InstitutionCreated", Assert.Single(fixture.Storage.EventsOf("institution", id)).EventType);
    }

    [Fact]
    public async Task A_missing_translation_an_overlong_acronym_and_an_unknown_kind_are_all_reported_at_once()
    {
        var (institution, id) = NewInstitution();
        var bad = new InstitutionDefinition(new LocalizedText("", "Ministère", "Ministry"), (InstitutionKind)42, new string('A', 41));

        var error = await Assert.ThrowsAsync<DomainException>(() => institution.Create(TestActors.Secretariat, bad));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Equal(new[] { "acronym", "kind", "name.ar" }, error.Errors.Keys.Order());
        Assert.Null(await institution.Get());
        Assert.Empty(fixture.Storage.EventsOf("institution", id));
    }

    [Fact]
    public async Task A_focal_point_cannot_register_or_rename_an_institution()
    {
        var (institution, id) = NewInstitution();
        await institution.Create(TestActors.Secretariat, Definition());

        var create = await Assert.ThrowsAsync<DomainException>(() => NewInstitution().Grain.Create(TestActors.FocalPointOf(id), Definition()));
        var rename = await Assert.ThrowsAsync<DomainException>(() => institution.UpdateDefinition(TestActors.FocalPointOf(id), Definition() with { Acronym = "X" }, null));

        Assert.Equal(DomainErrorKind.Forbidden, create.Kind);
        Assert.Equal(DomainErrorKind.Forbidden, rename.Kind);
        Assert.Equal(1, (await institution.Get())!.Version);
        Assert.Single(fixture.Storage.EventsOf("institution", id));
    }

    [Fact]
    public async Task Renaming_journals_what_changed_and_refuses_a_stale_version()
    {
        var (institution, id) = NewInstitution();
        await institution.Create(TestActors.Secretariat, Definition());
        var renamed = Definition() with { Kind = InstitutionKind.IndependentAuthority };

        var after = await institution.UpdateDefinition(TestActors.Secretariat, renamed, expectedVersion: 1);
        var stale = await Assert.ThrowsAsync<DomainException>(() => institution.UpdateDefinition(TestActors.Secretariat, Definition(), expectedVersion: 1));

        Assert.Equal(2, after.Version);
        Assert.Equal(DomainErrorKind.PreconditionFailed, stale.Kind);
        Assert.Equal(InstitutionKind.IndependentAuthority, (await institution.Get())!.Kind);
        var events = fixture.Storage.EventsOf("institution", id);
        Assert.Equal(2, events.Count);
        Assert.Contains("\"changed\":[\"kind\"]", events[1].PayloadJson);
    }

    [Fact]
    public async Task Focal_points_and_alternates_are_named_and_journaled_with_before_and_after()
    {
        var (institution, id) = NewInstitution();
        await institution.Create(TestActors.Secretariat, Definition());

        var view = await institution.SetFocalPoints(TestActors.Secretariat, ["u-1"], ["u-2", "u-3"], expectedVersion: 1);

        Assert.Equal(["u-1"], view.FocalPoints);
        Assert.Equal(["u-2", "u-3"], view.Alternates);
        Assert.True(view.Lists("u-3"));
        var last = fixture.Storage.EventsOf("institution", id)[^1];
        Assert.Equal("FocalPointsChanged", last.EventType);
        Assert.Contains("\"before\":{\"focalPoints\":[]", last.PayloadJson);
    }

    [Fact]
    public async Task A_person_cannot_be_both_focal_point_and_alternate()
    {
        var (institution, _) = NewInstitution();
        await institution.Create(TestActors.Secretariat, Definition());

        var error = await Assert.ThrowsAsync<DomainException>(() => institution.SetFocalPoints(TestActors.Secretariat, ["u-1"], ["u-1"], null));

        Assert.Contains("alternates", error.Errors.Keys);
        Assert.Empty((await institution.Get())!.FocalPoints);
    }

    [Fact]
    public async Task A_commitment_that_changes_from_supported_to_led_moves_between_the_lists_and_can_be_unlinked()
    {
        var (institution, _) = NewInstitution();
        await institution.Create(TestActors.Secretariat, Definition());

        await institution.LinkCommitment(TestActors.Secretariat, "c-1", lead: false);
        await institution.LinkCommitment(TestActors.Secretariat, "c-1", lead: true);
        var linked = (await institution.Get())!;
        await institution.UnlinkCommitment(TestActors.Secretariat, "c-1");
        await institution.UnlinkCommitment(TestActors.Secretariat, "c-1");
        var unlinked = (await institution.Get())!;

        Assert.Equal(["c-1"], linked.Leads);
        Assert.Empty(linked.Supports);
        Assert.Empty(unlinked.Leads);
        Assert.Equal(linked.Version + 1, unlinked.Version);
    }

    [Fact]
    public async Task Unknown_institutions_are_not_found()
    {
        var (institution, _) = NewInstitution();

        var error = await Assert.ThrowsAsync<DomainException>(() => institution.SetFocalPoints(TestActors.Secretariat, [], [], null));

        Assert.Equal(DomainErrorKind.NotFound, error.Kind);
    }
}
