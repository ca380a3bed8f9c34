using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using OgpCoCreate.Identity;
using OgpCoCreate.Security;

namespace OgpCoCreate.Seeding;

/// <summary>Roles, the first admin, and (demo only) one account per role. Never changes an existing account.</summary>
public sealed partial class AccountSeeder(UserManager<OgpUser> users, RoleManager<IdentityRole> roles, IConfiguration configuration, ILogger<AccountSeeder> logger)
{
    public const string AdminEmail = "admin@ogp.local";
    public const string DefaultDemoPassword = "Demo-Ogp-2025!";

    public async Task EnsureRolesAndAdminAsync()
    {
        foreach (var role in OgpRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
        if (await users.FindByEmailAsync(AdminEmail) is not null)
        {
            return;
        }
        var configured = configuration["OGP_ADMIN_PASSWORD"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        await CreateAsync(AdminEmail, "Administrator", "fr", password, [OgpRoles.Admin], []);
        if (string.IsNullOrEmpty(configured))
        {
            // Shown once, on the console only: it is not stored anywhere in clear.
            Console.WriteLine($"First start: created {AdminEmail} with the generated password: {password}");
            Console.WriteLine("Keep it now; set OGP_ADMIN_PASSWORD before the first start to choose it yourself.");
        }
        LogAdminCreated(logger, AdminEmail);
    }

    public async Task<IReadOnlyDictionary<string, string>> EnsureDemoAccountsAsync()
    {
        var password = configuration["OGP_DEMO_PASSWORD"] is { Length: > 0 } p ? p : DefaultDemoPassword;
        var ids = new Dictionary<string, string>();
        foreach (var account in DemoAccounts.All)
        {
            var user = await users.FindByEmailAsync(account.Email)
                ?? await CreateAsync(account.Email, account.DisplayName, account.Language, password, account.Roles, account.Institutions);
            ids[account.Email] = user.Id;
        }
        return ids;
    }

    private async Task<OgpUser> CreateAsync(string email, string displayName, string language, string password, IReadOnlyList<string> roleNames, IReadOnlyList<string> institutions)
    {
        var user = new OgpUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, PreferredLanguage = language };
        Check(await users.CreateAsync(user, password), $"create {email}");
        Check(await users.AddToRolesAsync(user, roleNames), $"give roles to {email}");
        foreach (var institution in institutions)
        {
            Check(await users.AddClaimAsync(user, new Claim(OgpRoles.InstitutionClaim, institution)), $"bind {email} to {institution}");
        }
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static string GeneratePassword() =>
        // Satisfies every password rule: upper, lower, digit, symbol, length.
        "Ogp-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('/', 'x').Replace('+', 'y') + "-7a";

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first administrator {Email}")]
    private static partial void LogAdminCreated(ILogger logger, string email);
}
