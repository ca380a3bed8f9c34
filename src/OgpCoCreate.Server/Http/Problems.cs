using Microsoft.AspNetCore.Http.HttpResults;

namespace OgpCoCreate.Http;

public static class Problems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");
}

/// <summary>Entity versions as HTTP ETags, for caching and If-Match optimistic concurrency.</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    /// <summary>True when the client's If-None-Match already names this version: answer 304, send nothing.</summary>
    public static bool IsCurrent(HttpRequest request, int version)
    {
        var tag = For(version);
        return request.Headers.IfNoneMatch.Any(h => h is not null
            && h.Split(',').Select(t => t.Trim()).Any(t => t == "*" || t == tag || t == "W/" + tag));
    }

    /// <summary>The version an If-Match header names, or null when the client sent none.</summary>
    public static int? FromIfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return null;
        }
        var trimmed = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return int.TryParse(trimmed.Trim('"'), out var version) ? version : -1;
    }
}
