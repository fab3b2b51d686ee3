using RobustFT.Cli.Configuration;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Runs;
using RobustFT.Core.Datasets;

namespace RobustFT.Cli;

/// <summary>Exit codes and the translation of exceptions into them: 0 ok, 1 run failed, 2 bad usage or input.</summary>
public static class Cli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is UsageException or DatasetException or RunConflictException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadUsage;
        }
        catch (DatabaseUnreachableException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Failed;
        }
        catch (System.Data.Common.DbException e)
        {
            Console.Error.WriteLine($"error: the store failed: {e.Message}");
            return Failed;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted; rerun the same command to resume");
            return Failed;
        }
    }
}
