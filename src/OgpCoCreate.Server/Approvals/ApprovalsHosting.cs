using Microsoft.AspNetCore.Identity;
using OgpCoCreate.Identity;
using OgpCoCreate.Realtime;

namespace OgpCoCreate.Approvals;

public static class ApprovalsHosting
{
    /// <summary>
    /// Deadlines (<c>Ogp:Approvals</c>), the directory grains ask for the secretariat, and the live topics
    /// <c>approvals:{commitmentId}</c> (any signed-in user) and <c>inbox:{userId}</c> (its owner only).
    /// The durable reminders themselves are registered with the silo (Hosting/OrleansHosting).
    /// </summary>
    public static void AddOgpApprovals(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApprovalOptions>().Bind(builder.Configuration.GetSection(ApprovalOptions.Section));
        builder.Services.AddSingleton<IApprovalDirectory, IdentityApprovalDirectory>();
        builder.Services.AddTopicKind(r => r
            .Register(ApprovalTopics.Approvals, (g, key) => g.GetGrain<IApprovalGrain>(key), mayWatch: (actor, key) => actor.IsAuthenticated)
            .Register(ApprovalTopics.Inbox, (g, key) => g.GetGrain<INotificationsGrain>(key), mayWatch: (actor, key) => actor.IsAuthenticated && actor.UserId == key));
    }
}

/// <summary>The accounts holding a role, read from Identity (grains cannot see it).</summary>
public sealed class IdentityApprovalDirectory(IServiceScopeFactory scopes) : IApprovalDirectory
{
    public async Task<IReadOnlyList<string>> UsersInRoleAsync(string role)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<OgpUser>>();
        return [.. (await users.GetUsersInRoleAsync(role)).Select(u => u.Id)];
    }
}
