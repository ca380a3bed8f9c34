using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using OgpCoCreate.Common;

namespace OgpCoCreate.Http;

/// <summary>Turns a grain's refusal into a ProblemDetails the client can act on (field errors included).</summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (Unwrap(exception) is not DomainException domain)
        {
            return false;
        }
        var status = (int)domain.Kind;
        context.Response.StatusCode = status;
        ProblemDetails details = domain.Errors.Count > 0
            ? new HttpValidationProblemDetails(domain.Errors) { Status = status, Title = domain.Message, Detail = Describe(domain.Errors) }
            : new ProblemDetails { Status = status, Title = TitleFor(domain.Kind), Detail = domain.Message };
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : e;

    private static string Describe(Dictionary<string, string[]> errors) =>
        string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    private static string TitleFor(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.Forbidden => "Not allowed",
        DomainErrorKind.NotFound => "Not found",
        DomainErrorKind.Conflict => "Conflict",
        DomainErrorKind.PreconditionFailed => "Changed meanwhile",
        _ => "Invalid request",
    };
}
