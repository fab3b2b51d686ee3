namespace RobustFT.ClusterMode.Tests.Support;

/// <summary>The arc noisy30 slices the cluster tests run: small, so the project stays within a few minutes on two
/// cores, and slow enough per model batch (the harness's delay) that a test catches each run mid-way.</summary>
public static class Slices
{
    public const int Size = 80;

    /// <summary>Rows [0, 80): the run of every single-run test.</summary>
    public static Task<BaselineRun> FirstAsync(ClusterServers servers) => servers.BaselineAsync(0, Size);

    /// <summary>Rows [80, 160): the second of two concurrent runs.</summary>
    public static Task<BaselineRun> SecondAsync(ClusterServers servers) => servers.BaselineAsync(Size, Size);
}
