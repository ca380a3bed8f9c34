using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OgpCoCreate.Configuration;
using OgpCoCreate.Hosting;
using OgpCoCreate.Security;
using OgpCoCreate.Storage.Database;

namespace OgpCoCreate.Identity;

public static class IdentityHosting
{
    /// <summary>One scheme for everything: a bearer token when the request carries one, else the browser cookie.</summary>
    public const string Scheme = "ogp";

    public const string AdminPolicy = "Admin";

    public static void AddOgpIdentity(this WebApplicationBuilder builder, OgpOptions options)
    {
        var services = builder.Services;
        services.AddSingleton(IdentitySchema.Migration);
        services.AddDbContext<OgpIdentityDbContext>((sp, db) =>
        {
            switch (sp.GetRequiredService<OgpDatabase>())
            {
                case SqliteOgpDatabase sqlite:
                    db.UseSqlite(sqlite.ConnectionString);
                    break;
                case PostgresOgpDatabase postgres:
                    db.UseNpgsql(postgres.DataSource);
                    break;
            }
        });

        // Tokens and cookies are encrypted with these keys: keep them with the data so sign-ins survive restarts.
        // In a cluster (PostgreSQL) every node must share them: they live in the database (Hosting/DatabaseKeyRepository).
        var dataProtection = services.AddDataProtection().SetApplicationName("OgpCoCreate");
        if (options.IsPostgres)
        {
            services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
                new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(sp.GetRequiredService<OgpDatabase>())));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDir, "keys")));
        }

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "Bearer token or cookie", o => o.ForwardDefaultSelector = SelectScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.Events = new BearerTokenEvents
                {
                    // The SignalR JS client sends the token in the query string (WebSockets cannot carry headers).
                    OnMessageReceived = context =>
                    {
                        var token = context.Request.Query["access_token"];
                        if (!string.IsNullOrEmpty(token) && context.HttpContext.Request.Path.StartsWithSegments("/hubs"))
                        {
                            context.Token = token;
                        }
                        return Task.CompletedTask;
                    },
                };
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "ogp.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(7);
            o.LoginPath = "/signin.html";
            o.AccessDeniedPath = "/forbidden.html";
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<OgpUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OgpIdentityDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<OgpClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireRole(OgpRoles.Admin));
    }

    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || (context.Request.Path.StartsWithSegments("/hubs") && context.Request.Query.ContainsKey("access_token")))
        {
            return IdentityConstants.BearerScheme;
        }
        return IdentityConstants.ApplicationScheme;
    }

    /// <summary>APIs and hubs answer 401/403; pages (dashboard included) send the browser to sign in.</summary>
    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hubs")
            || context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
