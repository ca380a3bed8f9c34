using OgpCoCreate.Consultations;

namespace OgpCoCreate.Grains.Tests.Consultations;

public sealed class SafeMarkdownTests
{
    [Theory]
    [InlineData("<script>window.__xss=1</script>")]
    [InlineData("<img src=x onerror=\"window.__xss=1\">")]
    [InlineData("[click](javascript:window.__xss=1)")]
    [InlineData("[click](JaVaScRiPt:window.__xss=1)")]
    [InlineData("![x](javascript:window.__xss=1)")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe src=\"https://example.org\"></iframe>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("`<script>` and ```\n<script>alert(1)</script>\n```")]
    public void Nothing_a_person_types_becomes_active_html(string typed)
    {
        var html = SafeMarkdown.ToHtml(typed);
        HtmlAssert.IsInert(html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Markdown_keeps_its_meaning_and_links_are_marked_as_user_content()
    {
        Assert.Equal("<p>Une <em>idée</em> et <strong>une autre</strong></p>", SafeMarkdown.ToHtml("Une *idée* et **une autre**"));
        Assert.Equal("<ul>\n<li>أ</li>\n<li>ب</li>\n</ul>", SafeMarkdown.ToHtml("- أ\n- ب"));
        var link = SafeMarkdown.ToHtml("See https://data.gov.tn");
        Assert.Contains("href=\"https://data.gov.tn\"", link);
        Assert.Contains("rel=\"nofollow noopener noreferrer ugc\"", link);
        Assert.Equal("<p>a &lt;b&gt; c</p>", SafeMarkdown.ToHtml("a <b> c"));
        Assert.Equal("", SafeMarkdown.ToHtml("   "));
    }
}
