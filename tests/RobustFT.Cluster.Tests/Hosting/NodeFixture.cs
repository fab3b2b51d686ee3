using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using RobustFT.Cluster.Hosting;
using RobustFT.Cluster.Persistence;
using RobustFT.Cluster.Tests.Support;

namespace RobustFT.Cluster.Tests.Hosting;

/// <summary>Starts real nodes (Akka.NET over 127.0.0.1) on one SQLite file in a temporary directory, with the shipped
/// defaults; disposes them in reverse order, then the directory.</summary>
public sealed class NodeFixture : IAsyncDisposable
{
    private readonly List<RobustFtNode> _nodes = [];

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "robustft-tests", "hosting-" + Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Directory, "robustft.db");

    public RuntimeOptions Options(NodeRoles roles, int port = 0, params string[] seeds)
    {
        var defaults = ShippedDefaults.Config;
        return defaults.Runtime(roles, Directory) with
        {
            Cluster = defaults.Cluster() with { Port = port, SeedNodes = seeds },
            Store = new SqliteConnectionFactory(DatabasePath),
        };
    }

    /// <summary>Starts a node with <paramref name="options"/>; <paramref name="models"/> registers its models (a node
    /// with the gpu role needs them).</summary>
    public async Task<RobustFtNode> StartAsync(RuntimeOptions options, Action<IServiceCollection>? models = null)
    {
        var node = await RobustFtNode.StartAsync(options, services =>
        {
            services.AddLogging();
            models?.Invoke(services);
        }, CancellationToken.None);
        _nodes.Add(node);
        return node;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _nodes.Count - 1; i >= 0; i--) await _nodes[i].DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
