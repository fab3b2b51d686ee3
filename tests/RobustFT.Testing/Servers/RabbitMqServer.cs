using System.Diagnostics;
using System.Text;

namespace RobustFT.Testing.Servers;

/// <summary>
/// A private RabbitMQ broker for tests: Debian's <c>rabbitmq-server</c> (installed by
/// <c>scripts/install-rabbitmq.sh</c> when missing) started in the background, bound to 127.0.0.1 only, on free
/// ports (AMQP, Erlang distribution and its own epmd), with its node name, data, logs and config in a temporary
/// directory. <see cref="StopAsync"/> and <see cref="StartAsync"/> restart it on the same ports and data (to test a
/// broker restart mid-run); <see cref="DisposeAsync"/> stops it, ends the epmd it started and deletes the directory.
/// Log in as guest/guest (RabbitMQ allows that user from loopback only, which is the only address it listens on).
/// </summary>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    private readonly string _binDirectory;
    private readonly int _distributionPort;
    private readonly int _epmdPort;
    private readonly StringBuilder _output = new();
    private Process? _server;
    private bool _disposed;

    private RabbitMqServer(string binDirectory, string directory, int port, int distributionPort, int epmdPort)
    {
        _binDirectory = binDirectory;
        Directory = directory;
        Port = port;
        _distributionPort = distributionPort;
        _epmdPort = epmdPort;
        NodeName = $"rabbit-{Guid.NewGuid():N}@localhost";
    }

    /// <summary>Address the broker listens on (loopback only).</summary>
    public string Host => "127.0.0.1";

    /// <summary>AMQP port.</summary>
    public int Port { get; }

    /// <summary>Erlang distribution port of the node (used by rabbitmqctl).</summary>
    public int DistributionPort => _distributionPort;

    /// <summary>Port of the private epmd this broker starts (ERL_EPMD_PORT).</summary>
    public int EpmdPort => _epmdPort;

    public string Username => "guest";

    public string Password => "guest";

    /// <summary><c>amqp://guest:guest@127.0.0.1:PORT/</c> (default virtual host).</summary>
    public Uri AmqpUri => new($"amqp://{Username}:{Password}@{Host}:{Port}/");

    /// <summary>Erlang node name, unique per instance (<c>rabbit-GUID@localhost</c>).</summary>
    public string NodeName { get; }

    /// <summary>Temporary directory holding the broker's data, logs, config and Erlang cookie.</summary>
    public string Directory { get; }

    /// <summary>Whether the broker process is running (started and not stopped).</summary>
    public bool IsRunning => _server is { HasExited: false };

    /// <summary>Installs RabbitMQ if needed, creates a broker on free ports and starts it.</summary>
    public static async Task<RabbitMqServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var bin = await FindOrInstallAsync(cancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), $"robustft-rabbitmq-{Guid.NewGuid():N}");
        var ports = FreePort.Next(3);
        var server = new RabbitMqServer(bin, directory, ports[0], ports[1], ports[2]);
        try
        {
            server.WriteConfiguration();
            await server.StartAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the broker (again) on the same ports and data directory; returns once AMQP accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            return;
        }

        lock (_output)
        {
            _output.Clear();
        }

        var start = new ProcessStartInfo(Path.Combine(_binDirectory, "rabbitmq-server"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // closed at once: the node runs with -noinput (RABBITMQ_ALLOW_INPUT unset)
            UseShellExecute = false,
            WorkingDirectory = Directory,
        };
        foreach (var (key, value) in NodeEnvironment())
        {
            start.Environment[key] = value;
        }

        var server = new Process { StartInfo = start };
        server.OutputDataReceived += (_, e) => Append(e.Data);
        server.ErrorDataReceived += (_, e) => Append(e.Data);
        server.Start();
        server.StandardInput.Close();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        _server = server;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartupTimeout);
        try
        {
            await WaitUntilStartedAsync(server, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await KillAsync();
            throw new InvalidOperationException(
                $"RabbitMQ node {NodeName} did not accept AMQP connections on {Host}:{Port} within {StartupTimeout.TotalSeconds:0} s. Output:\n{Output()}");
        }
    }

    /// <summary>Creates a virtual host (when missing) and gives <see cref="Username"/> full permissions on it, so that
    /// tests sharing one broker get their own queues and exchanges.</summary>
    public async Task AddVirtualHostAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var arguments in new[]
                 {
                     new[] { "-n", NodeName, "add_vhost", name },
                     ["-n", NodeName, "set_permissions", "-p", name, Username, ".*", ".*", ".*"],
                 })
        {
            var result = await RunCtlAsync(arguments, TimeSpan.FromSeconds(30), cancellationToken);
            if (!result.Succeeded && !result.Output.Contains("already exists", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"'{result.CommandLine}' exited with {result.ExitCode}:\n{result.Output}");
            }
        }
    }

    /// <summary>Stops the broker gracefully (<c>rabbitmqctl stop</c>), killing it if it does not exit in time. Data is kept.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var server = _server;
        if (server is null)
        {
            return;
        }

        if (!server.HasExited)
        {
            try
            {
                await RunCtlAsync(["-n", NodeName, "stop"], TimeSpan.FromSeconds(20), cancellationToken);
            }
            catch (TimeoutException)
            {
                // Killed below.
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ShutdownTimeout);
            try
            {
                await server.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Fall through to the kill below.
            }
        }

        await KillAsync();
    }

    /// <summary>Kills the broker (SIGKILL of the node's process tree: connections drop at once, nothing is flushed or
    /// closed cleanly), as a crash would. <see cref="StartAsync"/> brings it back on the same ports and data.</summary>
    public Task CrashAsync() => KillAsync();

    /// <summary>Stops the broker, ends the epmd it started and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await StopAsync();
        }
        finally
        {
            await KillEpmdAsync();
            TryDeleteDirectory();
        }
    }

    /// <summary>What the broker printed since it was last started (for failure messages).</summary>
    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private async Task WaitUntilStartedAsync(Process server, CancellationToken cancellationToken)
    {
        // The node registers with epmd a few seconds after the script starts; await_startup fails at once until
        // then, so poll: first the AMQP port, then await_startup (which also waits for the boot to finish).
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (server.HasExited)
            {
                throw new InvalidOperationException(
                    $"RabbitMQ node {NodeName} exited with code {server.ExitCode} while starting. Output:\n{Output()}");
            }

            if (await FreePort.IsListeningAsync(Port, cancellationToken))
            {
                var started = await RunCtlAsync(
                    ["-n", NodeName, "await_startup", "--timeout", "60"], TimeSpan.FromSeconds(70), cancellationToken);
                if (started.Succeeded)
                {
                    return;
                }
            }

            await Task.Delay(250, cancellationToken);
        }
    }

    private Task<ProcessResult> RunCtlAsync(
        IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(
            Path.Combine(_binDirectory, "rabbitmqctl"), arguments, timeout, Directory, NodeEnvironment(), cancellationToken);

    private async Task KillEpmdAsync()
    {
        // epmd outlives the node; `epmd -kill` ends the daemon on ERL_EPMD_PORT, i.e. the one this broker started.
        try
        {
            await ProcessRunner.RunAsync("epmd", ["-kill"], TimeSpan.FromSeconds(10), Directory, NodeEnvironment());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No epmd binary on PATH: nothing of ours can be running.
        }
        catch (TimeoutException)
        {
            // Leave it; nothing more can be done from here.
        }
    }

    private async Task KillAsync()
    {
        var server = _server;
        _server = null;
        if (server is null)
        {
            return;
        }

        using (server)
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            await server.WaitForExitAsync();
        }
    }

    /// <summary>Environment shared by the node and the CLI tools (rabbitmqctl, epmd) that talk to it.</summary>
    private Dictionary<string, string> NodeEnvironment()
    {
        var env = new Dictionary<string, string>();
        env["HOME"] = Directory; // the Erlang cookie lives here, shared by the node and the CLI tools
        env["RABBITMQ_NODENAME"] = NodeName;
        env["RABBITMQ_NODE_IP_ADDRESS"] = Host;
        env["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        env["ERL_EPMD_ADDRESS"] = Host;
        env["ERL_EPMD_PORT"] = _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        env["RABBITMQ_MNESIA_BASE"] = Path.Combine(Directory, "mnesia");
        env["RABBITMQ_LOG_BASE"] = Path.Combine(Directory, "log");
        env["RABBITMQ_CONFIG_FILE"] = Path.Combine(Directory, "rabbitmq.conf");
        env["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(Directory, "advanced.config");
        env["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(Directory, "enabled_plugins");
        env["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(Directory, "rabbitmq-env.conf");
        env["RABBITMQ_PID_FILE"] = Path.Combine(Directory, "rabbitmq.pid");
        return env;
    }

    private void WriteConfiguration()
    {
        System.IO.Directory.CreateDirectory(Directory);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "mnesia"));
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "log"));
        File.WriteAllText(
            Path.Combine(Directory, "rabbitmq.conf"),
            """
            # Private test broker (RobustFT.Testing.Servers.RabbitMqServer).
            loopback_users.guest = true
            disk_free_limit.absolute = 1MB
            log.console = false
            log.file.level = warning

            """);
        File.WriteAllText(Path.Combine(Directory, "advanced.config"), "[].\n");
        File.WriteAllText(Path.Combine(Directory, "enabled_plugins"), "[].\n"); // no management plugin
        File.WriteAllText(Path.Combine(Directory, "rabbitmq-env.conf"), string.Empty); // ignore /etc/rabbitmq
    }

    private void TryDeleteDirectory()
    {
        try
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open by a dying process: leave the temporary directory behind.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static async Task<string> FindOrInstallAsync(CancellationToken cancellationToken)
    {
        const string debianBin = "/usr/lib/rabbitmq/bin";
        if (File.Exists(Path.Combine(debianBin, "rabbitmq-server")))
        {
            return debianBin;
        }

        var script = Path.Combine(FindRepositoryRoot(), "scripts", "install-rabbitmq.sh");
        var install = await ProcessRunner.RunAsync("bash", [script], TimeSpan.FromMinutes(10), cancellationToken: cancellationToken);
        if (!install.Succeeded || !File.Exists(Path.Combine(debianBin, "rabbitmq-server")))
        {
            throw new InvalidOperationException(
                $"{script} exited with code {install.ExitCode}; {debianBin}/rabbitmq-server is {(File.Exists(Path.Combine(debianBin, "rabbitmq-server")) ? "there" : "missing")}. Output:\n{install.Output}");
        }

        return debianBin;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "install-rabbitmq.sh")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"scripts/install-rabbitmq.sh not found in {AppContext.BaseDirectory} or any folder above it.");
    }
}
