namespace OgpCoCreate.Ui;

public static class UiHosting
{
    /// <summary>The static multilingual UI (wwwroot): pages are plain HTML + JS talking to /api and /hubs.</summary>
    public static void UseOgpUi(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
    }
}
