using OgpCoCreate.Security;

namespace OgpCoCreate.Http;

/// <summary>
/// The API's coarse gate, by role, in front of the grains' own checks (defence in depth): anonymous callers
/// get 401, signed-in people without any role that could ever do the thing get 403 before a grain is called.
/// The grains then decide per plan, institution and commitment.
/// </summary>
public static class ApiAccess
{
    /// <summary>Plans, forum, institutions and focal points are managed by the secretariat (and admins).</summary>
    public static TBuilder RequireSecretariat<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireRole(OgpRoles.Secretariat, OgpRoles.Admin));

    /// <summary>Creating and editing commitments: the secretariat and institutions' focal points.</summary>
    public static TBuilder RequireCommitmentEditor<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireRole(OgpRoles.Secretariat, OgpRoles.Admin, OgpRoles.FocalPoint));

    /// <summary>Moving commitments through their lifecycle: the editors, and forum members (validation).</summary>
    public static TBuilder RequireCommitmentMover<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(p => p.RequireRole(OgpRoles.Secretariat, OgpRoles.Admin, OgpRoles.FocalPoint, OgpRoles.MsfMember));
}
