using System.CommandLine;
using RobustFT.Cli.Configuration;
using RobustFT.Core.Demo;

namespace RobustFT.Cli.Commands;

/// <summary><c>robustft demo-data</c>: a synthetic multiple-choice set with computable answers and injected label noise.</summary>
public static class DemoDataCommand
{
    public static Command Create()
    {
        var rows = new Option<int>("--rows") { Description = "Number of rows", DefaultValueFactory = _ => 200 };
        var noise = new Option<double>("--noise") { Description = "Fraction of corrupted labels in noisy.csv, in [0, 1]", DefaultValueFactory = _ => 0.3 };
        var seed = new Option<long>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--output", "-o") { Description = "Directory for noisy.csv and gold.csv", Required = true };
        var command = new Command("demo-data", "Write a synthetic noisy dataset (noisy.csv) and its clean labels (gold.csv)") { rows, noise, seed, output };
        command.SetAction((parse, ct) => Cli.Guard(async () =>
        {
            var n = parse.GetValue(rows);
            var p = parse.GetValue(noise);
            if (n < 1) throw new UsageException($"--rows must be at least 1, got {n}");
            if (p is < 0 or > 1) throw new UsageException($"--noise must be within [0, 1], got {p}");
            var dir = parse.GetValue(output)!;
            var set = DemoDataGenerator.Generate(n, p, parse.GetValue(seed));
            await set.WriteAsync(dir, ct);
            Console.WriteLine($"wrote {Path.Combine(dir, DemoDataSet.NoisyFileName)} and {Path.Combine(dir, DemoDataSet.GoldFileName)} ({n} rows, {p:P0} noisy labels)");
            return Cli.Ok;
        }));
        return command;
    }
}
