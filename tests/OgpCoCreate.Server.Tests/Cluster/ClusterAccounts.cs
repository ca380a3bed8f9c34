using System.Collections.Concurrent;
using System.Net.Http.Json;
using OgpCoCreate.Server.Tests.Approvals;
using OgpCoCreate.Server.Tests.Consultations;

namespace OgpCoCreate.Server.Tests.Cluster;

/// <summary>
/// The demo accounts of a test cluster, each signed in once (through any node: the data-protection keys are
/// shared in the database) and then used on every node; plus the approval and consultation set-ups the
/// cluster tests share, each step through the node given.
/// </summary>
public sealed class ClusterAccounts(TestCluster cluster)
{
    public const string Admin = "admin@ogp.local";
    public const string Secretariat = "secretariat@ogp.local";
    public const string Finance = "focal.finance@ogp.local";
    public const string Egov = "focal.egov@ogp.local";
    public const string Inai = "focal.inai@ogp.local";
    public const string ForumGov = "msf.gov@ogp.local";
    public const string ForumCso = "msf.cso@ogp.local";
    public const string Participant = "participant@ogp.local";

    private readonly ConcurrentDictionary<string, Task<(string Token, string UserId)>> signedIn = new(StringComparer.Ordinal);

    public async Task<string> TokenAsync(string email) => (await SignInAsync(email)).Token;

    public async Task<string> UserIdAsync(string email) => (await SignInAsync(email)).UserId;

    /// <summary>A client of <paramref name="node"/> carrying <paramref name="email"/>'s bearer token.</summary>
    public async Task<HttpClient> OnAsync(ClusterNode node, string email) => ClusterHttp.Client(node, await TokenAsync(email));

    private Task<(string Token, string UserId)> SignInAsync(string email) => signedIn.GetOrAdd(email, async e =>
    {
        var via = cluster.UpNodes[0];
        var token = await cluster.TokenAsync(via, e);
        using var client = ClusterHttp.Client(via, token);
        return (token, await client.UserId());
    });

    /// <summary>
    /// The lead's focal point takes the commitment to PendingApproval with only the given supporting institutions
    /// (Drafting, supporters, PendingApproval: one step through each of <paramref name="through"/>, cycling);
    /// returns the content hash approvers sign.
    /// </summary>
    public async Task<string> SubmitForApprovalAsync(string commitmentId, string lead, string[] supporters, params ClusterNode[] through)
    {
        using (var drafting = await OnAsync(through[0], lead))
        {
            (await drafting.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { to = "Drafting" })).EnsureSuccessStatusCode();
        }
        using (var editing = await OnAsync(through[1 % through.Length], lead))
        {
            await editing.KeepSupporters(commitmentId, supporters);
        }
        using var submitting = await OnAsync(through[2 % through.Length], lead);
        (await submitting.PostAsJsonAsync($"api/commitments/{commitmentId}/transitions", new { to = "PendingApproval" })).EnsureSuccessStatusCode();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await submitting.Hash(commitmentId);
            }
            catch (Exception e) when (attempt < 3 && e is Xunit.Sdk.XunitException or HttpRequestException or TaskCanceledException)
            {
                // The first read activates the workflow, which reads the commitment, the plan and six live texts: on a
                // starved machine that can outlast a front-end's 10 s response timeout. Reading again is harmless.
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    /// <summary>A round of comments on <paramref name="commitmentId"/>, announced and opened by the secretariat through <paramref name="node"/>.</summary>
    public async Task<string> OpenRoundAsync(ClusterNode node, string commitmentId)
    {
        using var secretariat = await OnAsync(node, Secretariat);
        return await ConsultationClients.OpenRound(secretariat, "Commitments", commitmentId);
    }
}
