using OgpCoCreate.Security;
using Orleans.Concurrency;

namespace OgpCoCreate.Institutions;

/// <summary>A ministry, authority, municipality or civil-society organisation taking part in the plan.</summary>
[Alias("ogp.IInstitutionGrain")]
public interface IInstitutionGrain : IGrainWithStringKey
{
    /// <summary>Interleaves: commitments read it to confirm a focal point while it may be busy linking.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<InstitutionView?> Get();

    [Alias("Create")]
    Task<InstitutionView> Create(Actor actor, InstitutionDefinition definition);

    /// <summary>Changes names, kind and acronym (secretariat).</summary>
    [Alias("UpdateDefinition")]
    Task<InstitutionView> UpdateDefinition(Actor actor, InstitutionDefinition definition, int? expectedVersion);

    /// <summary>
    /// Names the focal points and alternates (user ids; the API checks that the accounts exist and mirrors
    /// the binding into their <c>ogp:institution</c> claims). This list is the source of truth: a focal point
    /// acts for the institution only while listed here.
    /// </summary>
    [Alias("SetFocalPoints")]
    Task<InstitutionView> SetFocalPoints(Actor actor, IReadOnlyList<string> focalPoints, IReadOnlyList<string> alternates, int? expectedVersion);

    /// <summary>Called by a commitment when it names this institution as lead or supporter. Idempotent.</summary>
    [Alias("LinkCommitment")]
    Task LinkCommitment(Actor actor, string commitmentId, bool lead);

    /// <summary>Called by a commitment that no longer names this institution. Idempotent.</summary>
    [Alias("UnlinkCommitment")]
    Task UnlinkCommitment(Actor actor, string commitmentId);
}
