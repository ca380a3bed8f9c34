using Microsoft.EntityFrameworkCore;
using OgpCoCreate.Storage.Database;
using OgpCoCreate.Storage.Schema;

namespace OgpCoCreate.Identity;

/// <summary>
/// The identity tables as a numbered migration of the project's own schema history (versions 100+), so the
/// whole database is created and upgraded by one mechanism on SQLite and PostgreSQL alike. The DDL is what
/// EF Core generates for the model; no connection is needed to generate it.
/// </summary>
public static class IdentitySchema
{
    public static SchemaMigration Migration { get; } = new(100, "identity", CreateScript);

    private static string CreateScript(SqlDialect dialect)
    {
        var builder = new DbContextOptionsBuilder<OgpIdentityDbContext>();
        if (dialect == SqlDialect.Sqlite)
        {
            builder.UseSqlite("Data Source=:memory:");
        }
        else
        {
            builder.UseNpgsql("Host=localhost");
        }
        using var context = new OgpIdentityDbContext(builder.Options);
        return context.Database.GenerateCreateScript();
    }
}
