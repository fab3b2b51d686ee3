using RobustFT.Core.Tests.Support;
using RobustFT.Testing.Data;

namespace RobustFT.Core.Tests.Datasets;

public class SharedDataTests
{
    [Fact]
    public void FindsSharedBesideAnAncestorOfTheStartDirectory()
    {
        using var dir = new TempDirectory();
        var data = Directory.CreateDirectory(Path.Combine(dir.Path, "shared", "data", "robustft")).FullName;
        var start = Directory.CreateDirectory(Path.Combine(dir.Path, "repo", "tests", "bin", "Debug")).FullName;
        Assert.Equal(data, SharedData.Locate(null, start));
    }

    [Fact]
    public void TheOverrideWins()
    {
        using var dir = new TempDirectory();
        Assert.Equal(dir.Path, SharedData.Locate(dir.Path, "/"));
    }

    [Fact]
    public void AMissingOverrideIsAnError() =>
        Assert.Throws<DirectoryNotFoundException>(() => SharedData.Locate("/no/such/robustft/dir", "/"));
}
