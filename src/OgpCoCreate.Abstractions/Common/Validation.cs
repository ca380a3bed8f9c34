namespace OgpCoCreate.Common;

/// <summary>Collects field errors, then throws one <see cref="DomainException"/> listing them all.</summary>
public sealed class Validation
{
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

    public bool IsValid => errors.Count == 0;

    public void ThrowIfInvalid()
    {
        if (!IsValid)
        {
            throw DomainException.Invalid(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
