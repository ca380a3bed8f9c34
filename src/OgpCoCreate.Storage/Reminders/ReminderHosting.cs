using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace OgpCoCreate.Storage.Reminders;

public static class ReminderHosting
{
    /// <summary>Durable Orleans reminders on the project's database (<see cref="SqlReminderTable"/>, table <c>ogp_reminders</c>).</summary>
    public static ISiloBuilder AddOgpReminders(this ISiloBuilder silo, TimeSpan? minimumPeriod = null)
    {
        silo.Services.AddSingleton<IReminderTable, SqlReminderTable>();
        silo.AddReminders();
        if (minimumPeriod is { } minimum)
        {
            silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = minimum < o.MinimumReminderPeriod ? minimum : o.MinimumReminderPeriod);
        }
        return silo;
    }
}
