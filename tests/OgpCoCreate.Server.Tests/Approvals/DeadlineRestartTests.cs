using System.Net.Http.Json;
using OgpCoCreate.Server.Tests.Infrastructure;

namespace OgpCoCreate.Server.Tests.Approvals;

/// <summary>
/// Deadlines of seconds on the real server (<c>Ogp:Approvals:*</c> shortened), whose reminders live in the
/// store (the SQLite file, or PostgreSQL in the second pass of ./test.sh): the process is killed (SIGKILL) right after the step opened and started again on the same
/// data; nobody touches the commitment afterwards, yet the reminder fires and escalates to the secretariat.
/// </summary>
[Trait(TestStore.Trait, TestStore.Shared)]
public sealed class DeadlineRestartTests
{
    private static readonly Dictionary<string, string> ShortDeadlines = new()
    {
        ["Ogp__Approvals__LeadPeriod"] = "00:00:04",
        ["Ogp__Approvals__RemindBefore"] = "00:00:02",
        ["Ogp__Approvals__EscalateToSecretariatAfter"] = "00:00:02",
        ["Ogp__Approvals__ReminderPeriod"] = "00:00:01",
    };

    [Fact]
    public async Task A_deadline_reminder_survives_a_kill_and_escalates_to_the_secretariat_after_the_restart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "ogp-tests", Guid.NewGuid().ToString("N"));
        const string id = "tn-nap5-01";
        await using (var first = new ServerProcess(dataDir, environment: ShortDeadlines))
        {
            await first.StartAsync();
            var finance = await ApprovalsHttp.SignedInAs(first, "focal.finance@ogp.local");
            await finance.Submit(id);
            await ApprovalsHttp.Eventually(() => finance.GetJson($"api/commitments/{id}/approvals/history"),
                h => h.EnumerateArray().Any(e => e.GetProperty("eventType").GetString() == "ApprovalStepOpened"), what: "step opened");
            // The reminder row is written right after the step is stored; the deadline (4 s) has not passed yet.
            await Task.Delay(1500);
            await first.KillAsync();
        }

        await using var second = new ServerProcess(dataDir, environment: ShortDeadlines);
        await second.StartAsync();
        var anonymous = second.CreateClient();
        var history = await ApprovalsHttp.Eventually(() => anonymous.GetJson($"api/commitments/{id}/approvals/history"),
            h => h.EnumerateArray().Any(e => e.GetProperty("eventType").GetString() == "ApprovalEscalated"), TimeSpan.FromSeconds(40), "escalation after the restart");
        var events = history.EnumerateArray().Select(e => e.GetProperty("eventType").GetString()).ToList();
        Assert.Contains("ApprovalOverdue", events);
        var secretariat = await ApprovalsHttp.SignedInAs(second, "secretariat@ogp.local");
        var notifications = await secretariat.GetJson("api/notifications");
        Assert.Contains(notifications.GetProperty("items").EnumerateArray(), n => n.GetProperty("kind").GetString() == "Escalated" && n.GetProperty("commitmentId").GetString() == id);
        var inbox = await secretariat.GetJson("api/inbox");
        Assert.Contains(inbox.GetProperty("items").EnumerateArray(), i => i.GetProperty("kind").GetString() == "Overdue" && i.GetProperty("commitmentId").GetString() == id);
    }
}
