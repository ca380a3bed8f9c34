namespace OgpCoCreate.Ot;

/// <summary>
/// Thrown when an op is malformed, or does not fit the document it is applied to.
/// The message is meant to be shown to the person (or client developer) who sent the op,
/// so it says what is wrong and what a valid op looks like.
/// </summary>
[GenerateSerializer]
[Alias("ogp.ot.OtException")]
public sealed class OtException : Exception
{
    public OtException()
    {
    }

    public OtException(string message)
        : base(message)
    {
    }

    public OtException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
