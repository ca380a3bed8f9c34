using OgpCoCreate.Common;
using OgpCoCreate.Drafting;
using OgpCoCreate.Institutions;
using OgpCoCreate.Ot;
using OgpCoCreate.Security;

namespace OgpCoCreate.Grains.Tests.Drafting;

/// <summary>
/// Typing rights are confirmed like every other right of the domain — against the institutions' focal-point
/// lists and the plan's forum seats — not taken from the claims of a token that may outlive a removal.
/// </summary>
[Collection(InMemoryDraftingCollection.Name)]
public sealed class EditRightsTests(InMemoryDraftingCluster fixture)
{
    private DraftingWorld World => fixture.World;

    private async Task<IDocumentGrain> NewDocument() => fixture.Grains.GetGrain<IDocumentGrain>($"{await World.NewCommitmentAsync()}/ambition");

    [Fact]
    public async Task A_forum_member_types_by_virtue_of_a_seat_and_the_role_alone_is_not_enough()
    {
        var document = await NewDocument();
        var seated = await document.Submit(TestActors.MsfMember, 0, TextOp.Insert(0, "Le comité propose "), "seated", 1);
        Assert.Equal(1, seated);

        var unseated = TestActors.Person("u-msf-without-seat", OgpRoles.MsfMember);
        var refused = await Assert.ThrowsAsync<DomainException>(() => document.Submit(unseated, 1, TextOp.Insert(0, "x"), "unseated", 1));

        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
        Assert.Equal("Le comité propose ", (await document.Open(TestActors.Participant)).Text);
    }

    [Fact]
    public async Task An_institution_claim_without_a_place_on_the_institutions_list_gives_no_right_to_type()
    {
        var document = await NewDocument();
        // A focal point role and the lead institution in the token, but the institution does not list this person.
        var claimant = TestActors.FocalPoint("u-not-listed", World.LeadId);

        var refused = await Assert.ThrowsAsync<DomainException>(() => document.Submit(claimant, 0, TextOp.Insert(0, "x"), "claimant", 1));

        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
        Assert.Equal(0, (await document.Open(TestActors.Participant)).Version);
    }

    [Fact]
    public async Task A_focal_point_removed_from_the_institution_can_no_longer_type_within_seconds()
    {
        var supporter = await fixture.Grains.GetGrain<IInstitutionGrain>(World.SupporterId).Get();
        var replaced = TestActors.FocalPoint($"u-leaving-{Guid.NewGuid():N}", World.SupporterId);
        var institution = fixture.Grains.GetGrain<IInstitutionGrain>(World.SupporterId);
        await institution.SetFocalPoints(TestActors.Secretariat, [.. supporter!.FocalPoints, replaced.UserId], [], expectedVersion: null);
        var document = await NewDocument();
        Assert.Equal(1, (await document.Submit(replaced, 0, TextOp.Insert(0, "avant "), "leaving", 1)));

        await institution.SetFocalPoints(TestActors.Secretariat, supporter.FocalPoints, [], expectedVersion: null);
        // The grain keeps a decision for 5 s per person (an op per keystroke must not ask three grains each time).
        await Task.Delay(TimeSpan.FromSeconds(5.5));

        var refused = await Assert.ThrowsAsync<DomainException>(() => document.Submit(replaced, 1, TextOp.Insert(0, "après "), "leaving", 2));
        Assert.Equal(DomainErrorKind.Forbidden, refused.Kind);
        Assert.Equal("avant ", (await document.Open(TestActors.Participant)).Text);
        // The focal point still listed keeps typing.
        Assert.Equal(2, (await document.Submit(World.SupporterFocalPoint, 1, TextOp.Insert(6, "toujours"), "staying", 1)));
    }
}
