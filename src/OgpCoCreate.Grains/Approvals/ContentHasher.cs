using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Commitments;
using OgpCoCreate.Drafting;
using OgpCoCreate.Security;

namespace OgpCoCreate.Approvals;

/// <summary>
/// The content version an approval binds to: SHA-256 over a canonical JSON of the commitment id, its
/// structured fields and each live text's version (objects with keys sorted, no whitespace). Document
/// versions only grow, so content once changed never hashes back to an approved value.
/// </summary>
public static class ContentHasher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<ContentVersion> CurrentAsync(IGrainFactory grains, CommitmentView commitment)
    {
        var snapshots = await Task.WhenAll(CommitmentTextFields.All.Select(field =>
            grains.GetGrain<IDocumentGrain>(CommitmentTextFields.DocumentId(commitment.Id, field)).Open(Actor.System)));
        var versions = new SortedDictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < CommitmentTextFields.All.Count; i++)
        {
            versions[CommitmentTextFields.All[i]] = snapshots[i].Version;
        }
        return new ContentVersion(Compute(commitment.Id, commitment.Details, versions), versions, commitment.Version);
    }

    public static string Compute(string commitmentId, CommitmentDetails details, IReadOnlyDictionary<string, long> documentVersions)
    {
        var root = new JsonObject
        {
            ["commitment"] = commitmentId,
            ["details"] = JsonNode.Parse(CanonicalDetails(details)),
            ["documents"] = new JsonObject(documentVersions.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))),
        };
        var bytes = Encoding.UTF8.GetBytes(Canonical(root)!.ToJsonString());
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The structured fields as canonical JSON (also what is kept to show a diff later).</summary>
    public static string CanonicalDetails(CommitmentDetails details) =>
        Canonical(JsonSerializer.SerializeToNode(details, Json))!.ToJsonString();

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        null => null,
        _ => node.DeepClone(),
    };
}
