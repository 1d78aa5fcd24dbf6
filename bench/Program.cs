using AmpsDevice.Bench.Comparison;
using AmpsDevice.Bench.Figures;
using AmpsDevice.Bench.Fleet;
using BenchmarkDotNet.Running;

// ampsdevice-bench figures [--quick] [--only NAME] | compare --against COMMIT --only NAME [--rounds N] [--quick]
// | micro [BenchmarkDotNet arguments] | fleet --devices N ... See docs/performance.md.
if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(FigureHarness).Assembly).Run(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == "figures")
{
    return await FigureHarness.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == "compare")
{
    return await CommitComparison.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == "fleet")
{
    return await FleetCommand.RunAsync(args[1..], Console.Out, Console.Error);
}

await Console.Error.WriteLineAsync("usage: dotnet run -c Release --project bench -- figures [--quick] [--only NAME] | compare --against COMMIT --only NAME [--rounds N] [--quick] | micro [BenchmarkDotNet arguments] | " + FleetOptions.Usage);
return 2;
