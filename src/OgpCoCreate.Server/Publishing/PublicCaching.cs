using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace OgpCoCreate.Publishing;

/// <summary>
/// Caching of public answers: a strong ETag over the exact bytes sent (SHA-256), 304 Not Modified when the
/// client's If-None-Match names it, and Cache-Control. Public data is the same for everyone (it is always
/// read as an anonymous visitor), so shared caches may keep it; API answers are revalidated on every use
/// (no-cache: the 304 makes that cheap), downloads may be reused for a minute.
/// </summary>
public static class PublicCaching
{
    public const string ApiCacheControl = "public, no-cache";
    public const string DownloadCacheControl = "public, max-age=60, must-revalidate";

    public static string ETagOf(ReadOnlySpan<byte> content) => "\"" + Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "\"";

    /// <summary>True when If-None-Match names <paramref name="etag"/> (or is *); weak forms match too (RFC 9110 weak comparison).</summary>
    public static bool Matches(HttpRequest request, string etag)
    {
        foreach (var header in request.Headers.IfNoneMatch)
        {
            foreach (var raw in (header ?? "").Split(','))
            {
                var tag = raw.Trim();
                if (tag == "*" || tag == etag || (tag.StartsWith("W/", StringComparison.Ordinal) && tag[2..] == etag))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Serializes <paramref name="value"/> with <see cref="PublicJson"/>, then answers 200 with it or 304.</summary>
    public static IResult Json<T>(HttpContext context, T value, DateTimeOffset? lastUpdated = null, string? nextLink = null)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, PublicJson.Options);
        if (nextLink is not null)
        {
            context.Response.Headers.Append(HeaderNames.Link, $"<{nextLink}>; rel=\"next\"");
        }
        return Bytes(context, bytes, "application/json; charset=utf-8", ApiCacheControl, lastUpdated, fileName: null);
    }

    /// <summary>A download (CSV, JSON file, ZIP, DOCX), with the same ETag rules.</summary>
    public static IResult File(HttpContext context, byte[] bytes, string contentType, string fileName, DateTimeOffset? lastUpdated) =>
        Bytes(context, bytes, contentType, DownloadCacheControl, lastUpdated, fileName);

    private static IResult Bytes(HttpContext context, byte[] bytes, string contentType, string cacheControl, DateTimeOffset? lastUpdated, string? fileName)
    {
        var etag = ETagOf(bytes);
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = cacheControl;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";
        if (lastUpdated is { } at)
        {
            headers.LastModified = at.ToUniversalTime().ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Matches(context.Request, etag))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }
        if (fileName is not null)
        {
            // Attachment with an ASCII name (ids are ASCII) and its RFC 6266 form.
            headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = fileName }.ToString();
        }
        return Results.Bytes(bytes, contentType);
    }
}
