using System.Diagnostics.CodeAnalysis;

namespace OgpCoCreate.Hosting;

/// <summary>
/// Start-up problems an operator must fix (a missing setting, a wrong cluster id, a database that never came
/// up): one clear line on standard error and a non-zero exit code, not a stack trace.
/// </summary>
public static class StartupFailure
{
    public const int ConfigurationError = 2;
    public const int DatabaseUnavailable = 3;
    public const int ClusterIdConflict = 4;

    [DoesNotReturn]
    public static void Exit(string message, int exitCode = ConfigurationError)
    {
        Console.Error.WriteLine($"OgpCoCreate cannot start: {message}");
        Console.Error.Flush();
        Environment.Exit(exitCode);
        throw new InvalidOperationException(message);
    }
}
