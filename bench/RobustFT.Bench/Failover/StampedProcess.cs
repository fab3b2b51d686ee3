using System.Diagnostics;

namespace RobustFT.Bench.Failover;

/// <summary>A child process whose stdout and stderr lines are kept with the time each arrived (UTC, so node logs get
/// millisecond timestamps without changing the node's logger), written to a log file as they come. Disposing kills it
/// when it still runs.</summary>
public sealed class StampedProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<(DateTime At, string Line)> _lines = [];
    private readonly StreamWriter _log;
    private readonly Task _exited;
    private bool _closed;

    public StampedProcess(string name, ProcessStartInfo info, string logFile)
    {
        Name = name;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        _log = new StreamWriter(logFile) { AutoFlush = true };
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var stdout = new TaskCompletionSource();
        var stderr = new TaskCompletionSource();
        _process.OutputDataReceived += (_, e) => Add(e.Data, stdout);
        _process.ErrorDataReceived += (_, e) => Add(e.Data, stderr);
        if (!_process.Start()) throw new InvalidOperationException($"could not start {name}");
        Id = _process.Id;
        _process.StandardInput.Close();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        _exited = Task.WhenAll(_process.WaitForExitAsync(), stdout.Task, stderr.Task);
    }

    public string Name { get; }
    public int Id { get; }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>When the first line containing <paramref name="text"/> arrived at or after <paramref name="since"/>; null if none has.</summary>
    public DateTime? FirstLine(string text, DateTime since)
    {
        lock (_lines)
            return _lines.Where(l => l.At >= since && l.Line.Contains(text, StringComparison.Ordinal)).Select(l => (DateTime?)l.At).FirstOrDefault();
    }

    /// <summary>The last <paramref name="count"/> lines.</summary>
    public string Tail(int count = 30)
    {
        lock (_lines) return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - count)).Select(l => $"{l.At:HH:mm:ss.fff} {l.Line}"));
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _exited.WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL (kill -9): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        Signal("KILL");
        await _exited.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM (the graceful stop of docker and Kubernetes).</summary>
    public void Terminate() => Signal("TERM");

    public void Dispose()
    {
        if (!_process.HasExited) Signal("KILL");
        _process.WaitForExit(TimeSpan.FromSeconds(10));
        _process.Dispose();
        lock (_lines)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    /// <summary>Sends the signal through kill(1) (a no-op once the process has exited) and notes it in the log.</summary>
    private void Signal(string name)
    {
        Add($"--- bench sends SIG{name}", null);
        if (_process.HasExited) return;
        using var kill = Process.Start("kill", [$"-{name}", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private void Add(string? line, TaskCompletionSource? closed)
    {
        if (line is null)
        {
            closed?.TrySetResult();
            return;
        }
        var at = DateTime.UtcNow;
        lock (_lines)
        {
            _lines.Add((at, line));
            if (!_closed) _log.WriteLine($"{at:HH:mm:ss.fff} {line}");
        }
    }
}
