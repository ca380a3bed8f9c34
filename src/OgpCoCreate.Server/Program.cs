using OgpCoCreate.Approvals;
using OgpCoCreate.Auth;
using OgpCoCreate.Commitments;
using OgpCoCreate.Configuration;
using OgpCoCreate.Consultations;
using OgpCoCreate.Drafting;
using OgpCoCreate.Health;
using OgpCoCreate.Hosting;
using OgpCoCreate.Http;
using OgpCoCreate.Identity;
using OgpCoCreate.Institutions;
using OgpCoCreate.Plans;
using OgpCoCreate.Publishing;
using OgpCoCreate.Realtime;
using OgpCoCreate.Seeding;
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
builder.AddOgpApprovals();
builder.Services.AddOgpConsultations();
builder.Services.AddOgpPublishing();

var app = builder.Build();

// The schema must exist before the silo activates a grain or Identity reads a user. On PostgreSQL this waits
// for the server (clear message, backoff) and refuses a cluster id other than the live cluster's.
if (!await app.PrepareOgpDatabaseAsync())
{
    return;
}

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
app.MapApprovalsApi();
app.MapConsultationsApi();
app.MapDocumentsApi();
app.MapPublishingApi();
app.MapOgpRealtime();
app.MapOrleansDashboard("/dashboard").RequireAuthorization(IdentityHosting.AdminPolicy);

app.Run();

/// <summary>Entry point, visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
