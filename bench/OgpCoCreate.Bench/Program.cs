using OgpCoCreate.Bench;
using OgpCoCreate.Bench.Commands;

// A small dispatcher: each benchmark is a command in Commands/ (B1 = trace; B2/B3 for the grain
// and SignalR can be added as further cases without touching the existing ones).
if (args.Length == 0)
{
    return Usage.Print();
}

switch (args[0])
{
    case "trace":
        return TraceCommand.Run(args[1..]);
    case "trace-all":
        return TraceCommand.RunAll(args[1..]);
    default:
        Console.Error.WriteLine($"Unknown command '{args[0]}'.");
        return Usage.Print();
}
