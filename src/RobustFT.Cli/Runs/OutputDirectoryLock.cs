using System.Globalization;
using RobustFT.Cli.Configuration;

namespace RobustFT.Cli.Runs;

/// <summary>
/// One <c>robustft run</c> at a time per output directory: the run holds an exclusive lock on <c>robustft.lock</c> in
/// the directory for as long as its process lives, and a second run on the same directory refuses at once (exit 2)
/// naming the holder. The lock is the operating system's (.NET's <see cref="FileShare.None"/>, an advisory
/// <c>flock</c> on Linux and macOS), so the kernel drops it when the holder dies, even by kill -9: a dead run never
/// blocks its resume. The holder's process id, host and start time are written beside it, in
/// <c>robustft.lock.holder</c>, only for the message.
/// </summary>
public sealed class OutputDirectoryLock : IDisposable
{
    public const string FileName = "robustft.lock";
    public const string HolderFileName = "robustft.lock.holder";

    private readonly FileStream _lock;

    private OutputDirectoryLock(FileStream held) => _lock = held;

    /// <exception cref="UsageException">Another live process holds the directory.</exception>
    public static OutputDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        FileStream held;
        try
        {
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new UsageException($"--output: '{directory}' is in use by another run ({Holder(directory)}); wait for it to end, " +
                                     "or stop it and rerun this command to resume");
        }
        File.WriteAllText(Path.Combine(directory, HolderFileName),
            string.Create(CultureInfo.InvariantCulture, $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z\n"));
        return new OutputDirectoryLock(held);
    }

    private static string Holder(string directory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(directory, HolderFileName)).Trim();
        }
        catch (IOException)
        {
            return "holder unknown";
        }
    }

    public void Dispose() => _lock.Dispose();
}
