using System.Runtime.InteropServices;

namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>Sends a signal to one process (SIGTERM: the graceful stop that <c>docker stop</c> and Kubernetes send;
/// <see cref="System.Diagnostics.Process.Kill(bool)"/> only sends SIGKILL).</summary>
public static partial class PosixSignals
{
    public const int SigTerm = 15;

    public static void Send(int processId, int signal)
    {
        if (SendSignal(processId, signal) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            const int NoSuchProcess = 3; // ESRCH: it exited meanwhile
            if (errno != NoSuchProcess)
                throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {errno}");
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int sig);
}
