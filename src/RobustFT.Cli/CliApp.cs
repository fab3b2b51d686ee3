using System.CommandLine;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Commands;

namespace RobustFT.Cli;

/// <summary>The <c>robustft</c> command line. <see cref="RunAsync"/> takes the backend provider so that test hosts can
/// run the real commands with a scripted model.</summary>
public static class CliApp
{
    public static RootCommand Build(IBackendProvider backends) => new("RobustFT Cluster: clean noisy SFT data with RobustFT on a MassTransit actor runtime")
    {
        RunCommand.Create(backends),
        NodeCommand.Create(backends),
        SubmitCommand.Create(backends),
        EvalCommand.Create(),
        StatusCommand.Create(),
        DemoDataCommand.Create(),
        ConfigCommand.Create(),
        ModelsCommand.Create(),
        TokenizeCommand.Create(),
        BenchCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args, IBackendProvider? backends = null)
    {
        var root = Build(backends ?? new OnnxBackendProvider());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("see 'robustft --help'");
            return Cli.BadUsage;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        // SIGTERM (docker stop, Kubernetes) stops as cleanly as Ctrl-C: nodes release their leases and heartbeat rows.
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
        return await parse.InvokeAsync(cancellationToken: cancel.Token);
    }
}
