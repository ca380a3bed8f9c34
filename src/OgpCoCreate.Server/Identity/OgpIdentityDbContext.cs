using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace OgpCoCreate.Identity;

/// <summary>ASP.NET Core Identity's tables, in the same database as the grains (one backup, one truth).</summary>
public sealed class OgpIdentityDbContext(DbContextOptions<OgpIdentityDbContext> options)
    : IdentityDbContext<OgpUser, IdentityRole, string>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<OgpUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.Property(x => x.PreferredLanguage).HasMaxLength(5);
        });
    }
}
