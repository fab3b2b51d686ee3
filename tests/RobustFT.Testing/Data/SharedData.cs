namespace RobustFT.Testing.Data;

/// <summary>Finds the shared benchmark data (<c>shared/data/robustft</c>) without copying it into the repository:
/// the environment variable <c>ROBUSTFT_SHARED_DATA</c> wins; otherwise every ancestor of the test assembly's directory
/// is tried for a child or sibling <c>shared/data/robustft</c> (CI clones the repository with <c>shared/</c> beside
/// it).</summary>
public static class SharedData
{
    public const string EnvironmentVariable = "ROBUSTFT_SHARED_DATA";

    private static readonly Lazy<string> LazyRoot = new(Locate);

    /// <summary>The directory holding <c>arc/</c> and <c>fpb/</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A file under the root, for example <c>File("arc", "noisy30.csv")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Locates the data, or throws naming every place it looked.</summary>
    public static string Locate() => Locate(Environment.GetEnvironmentVariable(EnvironmentVariable), AppContext.BaseDirectory);

    public static string Locate(string? overridePath, string startDirectory)
    {
        if (!string.IsNullOrWhiteSpace(overridePath))
        {
            if (Directory.Exists(overridePath)) return Path.GetFullPath(overridePath);
            throw new DirectoryNotFoundException($"{EnvironmentVariable}='{overridePath}' is not a directory");
        }
        var tried = new List<string>();
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[]
                     {
                         Path.Combine(dir.FullName, "shared", "data", "robustft"),
                         dir.Parent is null ? null : Path.Combine(dir.Parent.FullName, "shared", "data", "robustft"),
                     })
            {
                if (candidate is null || tried.Contains(candidate)) continue;
                tried.Add(candidate);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        throw new DirectoryNotFoundException(
            $"shared benchmark data not found; set {EnvironmentVariable} or place shared/data/robustft beside the repository. Tried: {string.Join(", ", tried)}");
    }
}
