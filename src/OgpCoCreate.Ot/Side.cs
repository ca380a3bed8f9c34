namespace OgpCoCreate.Ot;

/// <summary>
/// Tie-break for <see cref="TextUnicode.Transform"/> when both ops insert at the same position.
/// The op transformed with <see cref="Left"/> keeps its insert first. A server sequencer
/// transforms the incoming op with <see cref="Left"/> over ops already in the log (ShareDB's rule).
/// </summary>
public enum Side
{
    Left = 0,
    Right = 1,
}
