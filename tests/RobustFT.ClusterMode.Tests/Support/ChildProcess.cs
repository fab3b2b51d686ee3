using System.Diagnostics;
using System.Text;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>A running child process whose stdout and stderr are captured as they arrive (for assertions and for the
/// log tails in failure messages). Disposing kills it (with its tree) when it still runs.</summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly StringBuilder _log = new();
    private readonly Task _exited;

    public ChildProcess(string name, ProcessStartInfo info)
    {
        Name = name;
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        CommandLine = string.Join(' ', new[] { info.FileName }.Concat(info.ArgumentList));
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        _process.Exited += (_, _) =>
        {
            lock (_log) _log.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff")).Append(" exited ").AppendLine(_process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        };
        var stdoutClosed = new TaskCompletionSource();
        var stderrClosed = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) => Append(_stdout, e.Data, "out", stdoutClosed);
        _process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data, "err", stderrClosed);
        if (!_process.Start()) throw new InvalidOperationException($"could not start {CommandLine}");
        Id = _process.Id;
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _exited = Task.WhenAll(_process.WaitForExitAsync(), stdoutClosed.Task, stderrClosed.Task);
    }

    public string Name { get; }
    public string CommandLine { get; }
    public int Id { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public string Stdout { get { lock (_log) return _stdout.ToString(); } }
    public string Stderr { get { lock (_log) return _stderr.ToString(); } }

    /// <summary>The last <paramref name="lines"/> lines of stdout and stderr interleaved.</summary>
    public string Tail(int lines = 40)
    {
        string all;
        lock (_log) all = _log.ToString();
        var split = all.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', split.Skip(Math.Max(0, split.Length - lines)));
    }

    /// <summary>Waits for the exit (and the end of its output); throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0} s. Output:\n{Tail()}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the process and its children: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        Note("test sends SIGKILL");
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }
        await _exited.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM, then waits for a clean exit; SIGKILL when it takes longer than <paramref name="timeout"/>.
    /// Returns the exit code, or null when it had to be killed.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        Note("test sends SIGTERM");
        if (!_process.HasExited) PosixSignals.Send(Id, PosixSignals.SigTerm);
        try
        {
            return await WaitForExitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await KillAsync();
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException)
            {
            }
        }
        _process.Dispose();
    }

    /// <summary>Adds a line of the test's own to the log (what it did to the process, and when).</summary>
    public void Note(string what)
    {
        lock (_log) _log.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff")).Append(" --- ").AppendLine(what);
    }

    private void Append(StringBuilder target, string? line, string stream, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }
        lock (_log)
        {
            target.AppendLine(line);
            _log.Append(DateTime.UtcNow.ToString("HH:mm:ss.fff")).Append(' ').Append(stream).Append(' ').AppendLine(line);
        }
    }
}
