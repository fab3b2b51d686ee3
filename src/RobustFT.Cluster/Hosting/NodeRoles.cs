namespace RobustFT.Cluster.Hosting;

/// <summary>What a process does. Embedded mode runs all of them in one process.</summary>
[Flags]
public enum NodeRoles
{
    None = 0,
    /// <summary>Drives runs: ingestion, barriers, global ranking, export.</summary>
    Coordinator = 1,
    /// <summary>Hosts the per-sample state machines and the retriever.</summary>
    Sample = 2,
    /// <summary>Serves inference batches (generation and embeddings).</summary>
    Gpu = 4,
    /// <summary>Serves the dashboard and its JSON API.</summary>
    Dashboard = 8,
    All = Coordinator | Sample | Gpu | Dashboard,
}
