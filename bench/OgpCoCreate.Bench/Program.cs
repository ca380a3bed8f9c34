using OgpCoCreate.Bench;
using OgpCoCreate.Bench.Commands;

// A small dispatcher: each benchmark is a command in Commands/ (B1 = trace, B2 = b2 through the grain,
// doc-size = cost per op against document length, B3 = b3 live load over SignalR).
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
    case "b2":
        return await B2Command.RunAsync(args[1..]);
    case "doc-size":
        return await DocSizeCommand.RunAsync(args[1..]);
    case "b3":
        return await B3Command.RunAsync(args[1..]);
    case "b4":
        return await B4Command.RunAsync(args[1..]);
    default:
        Console.Error.WriteLine($"Unknown command '{args[0]}'.");
        return Usage.Print();
}
