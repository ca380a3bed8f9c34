using AngleSharp.Html.Parser;

namespace OgpCoCreate.Grains.Tests.Consultations;

/// <summary>Parses HTML as a browser would and checks that nothing in it can run or load anything.</summary>
public static class HtmlAssert
{
    private static readonly HashSet<string> Active = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "img", "iframe", "svg", "object", "embed", "style", "link", "meta", "form", "input", "video", "audio", "math", "base",
    };

    public static void IsInert(string html)
    {
        var document = new HtmlParser().ParseDocument("<!doctype html><html><body>" + html + "</body></html>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.False(Active.Contains(element.LocalName), $"<{element.LocalName}> in {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{attribute.Name} on <{element.LocalName}> in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "xlink:href")
                {
                    Assert.Matches("^(https?:|mailto:)", attribute.Value.Trim());
                }
            }
        }
    }
}
