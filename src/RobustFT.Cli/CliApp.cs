using System.CommandLine;
using RobustFT.Cli.Backends;
using RobustFT.Cli.Commands;

namespace RobustFT.Cli;

/// <summary>The <c>robustft</c> command line. <see cref="RunAsync"/> takes the backend provider so that test hosts can
/// run the real commands with a scripted model.</summary>
public static class CliApp
{
    public static RootCommand Build(IBackendProvider backends) => new("RobustFT Cluster: clean noisy SFT data with RobustFT on an Akka.NET cluster (sharded persistent sample entities, GPU worker actors, a coordinator singleton)")
    {
        RunCommand.Create(backends),
        NodeCommand.Create(backends),
        SubmitCommand.Create(backends),
        EvalCommand.Create(),
        EvaluateCommand.Create(backends),
        StatusCommand.Create(),
        DemoDataCommand.Create(),
        ConfigCommand.Create(),
        ModelsCommand.Create(),
        TokenizeCommand.Create(),
        BenchCommand.Create(),
    };

    public static async Task<int> RunAsync(string[] args, IBackendProvider? backends = null)
    {
        var root = Build(backends ?? new ConfiguredBackendProvider());
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("see 'robustft --help'");
            return Cli.BadUsage;
        }
        // Ctrl-C and SIGTERM (docker stop, Kubernetes) cancel the command's token and the command stops cleanly (a node
        // runs CoordinatedShutdown: it leaves the cluster, its shards and the singleton hand over); System.CommandLine's
        // own handling, which gives up after 2 s, is off.
        var cancel = new CancellationTokenSource();
        void Stop()
        {
            try
            {
                cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
            }
        }
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; Stop(); };
        using var term = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            Stop();
        });
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancel.Token);
    }
}
