using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;

namespace OgpCoCreate.Consultations;

/// <summary>
/// Turns what a person typed into HTML that is safe to insert into anyone's page: Markdown through Markdig
/// with raw HTML disabled (a typed <c>&lt;script&gt;</c> becomes visible text), then HtmlSanitizer with a
/// short allowlist (paragraphs, emphasis, lists, quotes, code, links to http/https/mailto only, no
/// attributes but <c>href</c> and <c>title</c>, no styles). Two independent layers: a Markdig bug alone
/// cannot let a script through. The stored text stays exactly what the person typed.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseSoftlineBreakAsHardlineBreak()
        .Build();

    // Configured once, then only Sanitize() is called: thread-safe per HtmlSanitizer's documentation.
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }
        var html = Markdown.ToHtml(markdown, Pipeline);
        return Sanitizer.Sanitize(html).Trim();
    }

    private static HtmlSanitizer CreateSanitizer()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "strong", "em", "b", "i", "del", "ul", "ol", "li", "blockquote", "code", "pre", "a", "hr", "h3", "h4", "h5", "h6",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedClasses = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
            AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
            AllowDataAttributes = false,
        };
        var sanitizer = new HtmlSanitizer(options);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                // Links typed by people: no referrer, no ranking boost, no access to this page.
                link.SetAttribute("rel", "nofollow noopener noreferrer ugc");
            }
        };
        return sanitizer;
    }
}
