using OgpCoCreate.Security;

namespace OgpCoCreate.Institutions;

/// <summary>A ministry, authority, municipality or civil-society organisation taking part in the plan.</summary>
[Alias("ogp.IInstitutionGrain")]
public interface IInstitutionGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<InstitutionView?> Get();

    [Alias("Create")]
    Task<InstitutionView> Create(Actor actor, InstitutionDefinition definition);

    [Alias("SetFocalPoints")]
    Task<InstitutionView> SetFocalPoints(Actor actor, IReadOnlyList<string> focalPoints, IReadOnlyList<string> alternates, int? expectedVersion);

    /// <summary>Called by a commitment when it names this institution as lead or supporter.</summary>
    [Alias("LinkCommitment")]
    Task LinkCommitment(Actor actor, string commitmentId, bool lead);
}
