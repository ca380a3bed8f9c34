using System.Net;
using System.Text.Json;

namespace OgpCoCreate.Server.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>Asserts a ProblemDetails response with the given status, and returns its JSON for further checks.</summary>
    public static async Task<JsonElement> IsProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status} but got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var json = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal((int)status, json.GetProperty("status").GetInt32());
        return json;
    }
}
