using System.Text.RegularExpressions;

namespace OgpCoCreate.Common;

/// <summary>Collects field errors, then throws one <see cref="DomainException"/> listing them all.</summary>
public sealed partial class Validation
{
    /// <summary>Longest id of a plan, institution, commitment, axis, phase or milestone.</summary>
    public const int MaxIdLength = 80;

    private readonly Dictionary<string, List<string>> errors = [];

    public Validation Require(bool condition, string field, string message)
    {
        if (!condition)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }
            list.Add(message);
        }
        return this;
    }

    public Validation Text(string? value, string field, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Require(!required, field, "This field is required.");
        }
        return Require(value.Length <= max, field, $"At most {max} characters ({value.Length} given).");
    }

    public Validation Localized(LocalizedText? value, string field, int max, bool required = true)
    {
        if (value is null)
        {
            return Require(!required, field, "This field is required.");
        }
        Text(value.Ar, field + ".ar", max, required);
        Text(value.Fr, field + ".fr", max, required);
        return Text(value.En, field + ".en", max, required);
    }

    /// <summary>
    /// Ids end up in URLs, grain keys and document ids (<c>{commitmentId}/{field}</c>): lower-case letters,
    /// digits and inner hyphens only, so they never need escaping and never collide by case.
    /// </summary>
    public Validation Slug(string? value, string field, bool required = true)
    {
        if (string.IsNullOrEmpty(value))
        {
            return Require(!required, field, "This field is required.");
        }
        return Require(value.Length <= MaxIdLength && SlugPattern().IsMatch(value), field,
            $"Use lower-case letters, digits and hyphens (at most {MaxIdLength}), starting with a letter or digit.");
    }

    /// <summary>A list that must be present (it may be empty) and not longer than <paramref name="max"/>.</summary>
    public Validation List<T>(IReadOnlyCollection<T>? value, string field, int max, int min = 0)
    {
        if (value is null)
        {
            return Require(false, field, "This field is required (it may be an empty list).");
        }
        Require(value.Count <= max, field, $"At most {max} entries ({value.Count} given).");
        return Require(value.Count >= min, field, min == 1 ? "At least one entry is required." : $"At least {min} entries are required.");
    }

    public Validation Unique<T>(IEnumerable<T> values, string field, string what)
    {
        var list = values.ToList();
        return Require(list.Distinct().Count() == list.Count, field, $"{what} must be unique.");
    }

    public bool IsValid => errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw DomainException.Invalid(Errors());
        }
    }

    /// <summary>For field errors that are not bad input but a clash with other data (409 rather than 400).</summary>
    public void ThrowIfInvalid(DomainErrorKind kind, string message)
    {
        if (!IsValid)
        {
            throw new DomainException(kind, message, Errors());
        }
    }

    private Dictionary<string, string[]> Errors() => errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();
}
