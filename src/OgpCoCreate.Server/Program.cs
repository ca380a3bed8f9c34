using OgpCoCreate.Auth;
using OgpCoCreate.Commitments;
using OgpCoCreate.Configuration;
using OgpCoCreate.Health;
using OgpCoCreate.Hosting;
using OgpCoCreate.Http;
using OgpCoCreate.Identity;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Realtime;
using OgpCoCreate.Seeding;
using OgpCoCreate.Storage.Schema;
using OgpCoCreate.Ui;
using Orleans.Dashboard;

var builder = WebApplication.CreateBuilder(args);
var options = builder.AddOgpSettings(args);

builder.AddOgpStore(options);
builder.AddOgpOrleans(options);
builder.AddOgpIdentity(options);
builder.AddOgpHttpDefaults();
builder.Services.AddOgpRealtime();
builder.Services.AddOgpHealthChecks();
builder.Services.AddOgpSeeding();

var app = builder.Build();

// The schema must exist before the silo activates a grain or Identity reads a user.
await app.Services.GetRequiredService<SchemaMigrator>().MigrateAsync();

app.UseOgpHttpDefaults();
app.UseOgpUi();
app.UseAuthentication();
app.UseAuthorization();

app.MapOgpHealth();
app.MapOgpApiReference();
app.MapAuthApi();
app.MapPlansApi();
app.MapInstitutionsApi();
app.MapCommitmentsApi();
app.MapJournalApi();
app.MapOgpRealtime();
app.MapOrleansDashboard("/dashboard").RequireAuthorization(IdentityHosting.AdminPolicy);

app.Run();

/// <summary>Entry point, visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
