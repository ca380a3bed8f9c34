namespace OgpCoCreate.Commitments;

/// <summary>The capacities in which someone may move a commitment along its lifecycle.</summary>
[Flags]
public enum Movers
{
    None = 0,

    /// <summary>The secretariat (OGP point of contact) or an admin.</summary>
    Secretariat = 1,

    /// <summary>A focal point or alternate of the lead institution, confirmed by the institution's own list.</summary>
    LeadFocalPoint = 2,

    /// <summary>Holder of a seat of the plan's forum (co-chairs included).</summary>
    ForumMember = 4,

    /// <summary>A co-chair of the plan's forum, who signs the forum's validation.</summary>
    ForumCoChair = 8,
}
