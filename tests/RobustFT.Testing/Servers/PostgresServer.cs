namespace RobustFT.Testing.Servers;

/// <summary>
/// A private PostgreSQL server for tests: Debian's binaries (installed by <c>scripts/install-postgres.sh</c> when
/// <c>initdb</c> is missing), a fresh cluster in a temporary directory (<c>initdb -A trust</c>), listening on
/// 127.0.0.1 only on a free port, with its unix socket in the same directory. When the tests run as root the cluster
/// belongs to the <c>postgres</c> user (initdb and postgres refuse root) and the binaries run through <c>runuser</c>.
/// Durability is traded for speed (<c>fsync=off</c>): a clean stop keeps the data, a crash of the machine may not.
/// <see cref="StopAsync"/>/<see cref="StartAsync"/> restart it on the same port and data; <see cref="DisposeAsync"/>
/// stops it (<c>pg_ctl stop -m fast</c>) and deletes the directory.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binDirectory;
    private bool _disposed;

    private PostgresServer(string binDirectory, string directory, int port)
    {
        _binDirectory = binDirectory;
        Directory = directory;
        Port = port;
    }

    /// <summary>Address the server listens on (loopback only).</summary>
    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The superuser; trust authentication, so no password.</summary>
    public string Username => ServiceUser;

    /// <summary>The database created at startup.</summary>
    public string Database => "robustft";

    /// <summary>Npgsql connection string to <see cref="Database"/>.</summary>
    public string ConnectionString => ConnectionStringFor(Database);

    /// <summary>Temporary directory holding the cluster (<c>data</c>), the socket (<c>socket</c>) and the log (<c>postgres.log</c>).</summary>
    public string Directory { get; }

    public string DataDirectory => Path.Combine(Directory, "data");

    public string LogFile => Path.Combine(Directory, "postgres.log");

    public bool IsRunning { get; private set; }

    /// <summary>Installs PostgreSQL if needed, creates a cluster on a free port, starts it and creates <see cref="Database"/>.</summary>
    public static async Task<PostgresServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var bin = await FindOrInstallAsync(cancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), $"robustft-postgres-{Guid.NewGuid():N}");
        var server = new PostgresServer(bin, directory, FreePort.Next());
        try
        {
            await server.InitializeAsync(cancellationToken);
            await server.StartAsync(cancellationToken);
            await server.CreateDatabaseAsync(server.Database, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public string ConnectionStringFor(string database) =>
        $"Host={Host};Port={Port};Database={database};Username={Username};Timeout=5;Command Timeout=30";

    /// <summary>Creates a database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await ProcessRunner.RunCheckedAsync(Binary("createdb"),
            ["-h", Host, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", Username, name],
            CommandTimeout, Directory, cancellationToken: cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>Starts the server (again) on the same port and data; returns once it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
            return;

        var options = string.Join(' ',
            $"-h {Host}", $"-p {Port}", $"-k {Path.Combine(Directory, "socket")}",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=200");
        var result = await RunAsServiceUserAsync("pg_ctl",
            ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", options], cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException($"PostgreSQL did not start on {Host}:{Port}:\n{result.Output}\n{ReadLog()}");
        IsRunning = true;
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended, data is kept).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!IsRunning)
            return;

        var result = await RunAsServiceUserAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "60"], cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException($"PostgreSQL on {Host}:{Port} did not stop:\n{result.Output}");
        IsRunning = false;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;

        try
        {
            await StopAsync();
        }
        finally
        {
            _disposed = true;
            if (System.IO.Directory.Exists(Directory))
                System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "socket"));
        if (Environment.IsPrivilegedProcess)
            await ProcessRunner.RunCheckedAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", Directory], CommandTimeout,
                cancellationToken: cancellationToken);

        var result = await RunAsServiceUserAsync("initdb",
            ["-D", DataDirectory, "-A", "trust", "-U", Username, "-E", "UTF8", "--locale=C", "--no-sync"], cancellationToken);
        if (!result.Succeeded)
            throw new InvalidOperationException($"initdb failed in {DataDirectory}:\n{result.Output}");
    }

    private Task<ProcessResult> RunAsServiceUserAsync(string binary, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        // initdb and postgres refuse to run as root.
        return Environment.IsPrivilegedProcess
            ? ProcessRunner.RunAsync("runuser", ["-u", ServiceUser, "--", Binary(binary), .. arguments], CommandTimeout, Directory,
                cancellationToken: cancellationToken)
            : ProcessRunner.RunAsync(Binary(binary), arguments, CommandTimeout, Directory, cancellationToken: cancellationToken);
    }

    private string Binary(string name) => Path.Combine(_binDirectory, name);

    private string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";

    private static async Task<string> FindOrInstallAsync(CancellationToken cancellationToken)
    {
        if (FindBinDirectory() is { } found)
            return found;

        var script = FindInstallScript()
                     ?? throw new InvalidOperationException("PostgreSQL is not installed and scripts/install-postgres.sh was not found above "
                                                            + AppContext.BaseDirectory);
        await ProcessRunner.RunCheckedAsync("bash", [script], TimeSpan.FromMinutes(10), cancellationToken: cancellationToken);

        return FindBinDirectory()
               ?? throw new InvalidOperationException($"{script} ran but no /usr/lib/postgresql/*/bin/initdb exists.");
    }

    private static string? FindBinDirectory()
    {
        if (Environment.GetEnvironmentVariable("ROBUSTFT_PG_BIN") is { Length: > 0 } configured
            && File.Exists(Path.Combine(configured, "initdb")))
            return configured;

        const string root = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(root))
            return null;

        return System.IO.Directory.GetDirectories(root)
            .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }

    private static string? FindInstallScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "install-postgres.sh");
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }
}
