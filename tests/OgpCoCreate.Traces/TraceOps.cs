using OgpCoCreate.Ot;

namespace OgpCoCreate.Traces;

/// <summary>Turns a trace transaction (patches applied one after another, like Array.splice) into one TextOp.</summary>
public static class TraceOps
{
    public static TextOp ToOp(IReadOnlyList<TracePatch> patches)
    {
        if (patches.Count == 1)
        {
            var only = patches[0];
            return TextOp.Splice(only.Position, only.DeleteCount, only.InsertText);
        }

        // Composing keeps each patch's meaning exact whatever the patch order in the txn.
        var op = TextOp.Empty;
        foreach (var patch in patches)
        {
            op = TextUnicode.Compose(op, TextOp.Splice(patch.Position, patch.DeleteCount, patch.InsertText));
        }

        return op;
    }
}
