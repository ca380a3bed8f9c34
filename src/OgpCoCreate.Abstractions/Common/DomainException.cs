namespace OgpCoCreate.Common;

/// <summary>What went wrong, in terms the HTTP layer maps to a status code.</summary>
public enum DomainErrorKind
{
    Invalid = 400,
    Forbidden = 403,
    NotFound = 404,
    Conflict = 409,
    PreconditionFailed = 412,
}

/// <summary>
/// Thrown by grains when a command is refused. Carries field-level errors so the API can answer with a
/// ProblemDetails that tells the person exactly what to fix. Nothing is written when it is thrown.
/// </summary>
[GenerateSerializer, Alias("ogp.DomainException")]
public sealed class DomainException : Exception
{
    public DomainException() { }

    public DomainException(string message) : base(message) { }

    public DomainException(string message, Exception inner) : base(message, inner) { }

    public DomainException(DomainErrorKind kind, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Kind = kind;
        Errors = errors is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]>(errors);
    }

    [Id(0)]
    public DomainErrorKind Kind { get; init; } = DomainErrorKind.Invalid;

    [Id(1)]
    public Dictionary<string, string[]> Errors { get; init; } = [];

    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);
    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);
    public static DomainException Conflict(string message) => new(DomainErrorKind.Conflict, message);
    public static DomainException Conflict(string message, IReadOnlyDictionary<string, string[]> errors) => new(DomainErrorKind.Conflict, message, errors);
    public static DomainException Stale(string message) => new(DomainErrorKind.PreconditionFailed, message);
    public static DomainException Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(DomainErrorKind.Invalid, "Some fields are not valid.", errors);
}
