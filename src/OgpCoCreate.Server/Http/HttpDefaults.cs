using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Scalar.AspNetCore;

namespace OgpCoCreate.Http;

public static class HttpDefaults
{
    /// <summary>Largest request body accepted anywhere (413 above it). Commitment texts travel as ops, not bodies.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static void AddOgpHttpDefaults(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Instance ??= c.HttpContext.Request.Path;
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
        });
        builder.Services.AddExceptionHandler<DomainExceptionHandler>();
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi();
    }

    public static void UseOgpHttpDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }

    public static void MapOgpApiReference(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api-reference", o => o.WithTitle("OgpCoCreate API"));
    }
}
