using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Overrides;
using RobustFT.Configuration.Provider;
using RobustFT.Configuration.Resolution;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Provider;

public class HoconConfigurationProviderTests
{
    [Fact]
    public void Hocon_text_flattens_to_colon_separated_keys_with_indexed_arrays()
    {
        var config = new ConfigurationBuilder()
            .AddHocon("robustft { method { beta = 0.5, flag = true, none = null }, roles = [gpu, sample], tasks = [{ name = t1 }] }")
            .Build();

        Assert.Equal("0.5", config["robustft:method:beta"]);
        Assert.Equal("0.5", config["ROBUSTFT:Method:Beta"]);
        Assert.Equal("true", config["robustft:method:flag"]);
        Assert.Null(config["robustft:method:none"]);
        Assert.Equal("gpu", config["robustft:roles:0"]);
        Assert.Equal("sample", config["robustft:roles:1"]);
        Assert.Equal("t1", config["robustft:tasks:0:name"]);
        Assert.Equal(["gpu", "sample"], config.GetSection("robustft:roles").GetChildren().Select(c => c.Value));
    }

    [Fact]
    public void Later_configuration_sources_win_over_earlier_hocon_files()
    {
        using var dir = new TempDirectory();
        var defaults = dir.Write("robustft.conf", "robustft.store { kind = sqlite, sqlite-path = robustft.db }");
        var cluster = dir.Write("cluster.conf", "robustft.store.kind = postgres");

        var config = new ConfigurationBuilder()
            .AddHoconFile(defaults)
            .AddHoconFile(cluster)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["robustft:store:sqlite-path"] = "other.db" })
            .Build();

        Assert.Equal("postgres", config["robustft:store:kind"]);
        Assert.Equal("other.db", config["robustft:store:sqlite-path"]);
    }

    [Fact]
    public void A_missing_file_is_an_error_unless_optional()
    {
        var missing = Path.Combine(Path.GetTempPath(), "robustft-missing-" + Guid.NewGuid().ToString("N") + ".conf");

        var optional = new ConfigurationBuilder().AddHoconFile(missing, optional: true).Build();
        Assert.Empty(optional.AsEnumerable());
        Assert.Throws<FileNotFoundException>(() => new ConfigurationBuilder().AddHoconFile(missing).Build());
    }

    [Fact]
    public void Substitutions_resolve_within_one_file_and_its_includes()
    {
        using var dir = new TempDirectory();
        dir.Write("base.conf", "host = db.local");
        var main = dir.Write("main.conf", "include \"base.conf\"\nurl = \"postgres://\"${host}");

        var config = new ConfigurationBuilder().AddHoconFile(main).Build();

        Assert.Equal("postgres://db.local", config["url"]);
    }

    [Fact]
    public void A_merged_tree_with_overrides_can_be_added_and_is_resolved_when_built()
    {
        var defaults = HoconConfig.Parse("robustft.method { beta = 0.5, k = 3 }\nsummary = ${robustft.method.beta}");
        var tree = HoconConfig.Merge(defaults, HoconOverrides.Parse(["robustft.method.beta=0.3"]));

        var config = new ConfigurationBuilder().AddHoconTree(tree).Build();

        Assert.Equal("0.3", config["robustft:method:beta"]);
        Assert.Equal("0.3", config["summary"]);
        Assert.Equal("3", config["robustft:method:k"]);
    }

    [Fact]
    public void Unresolvable_substitutions_fail_the_build_with_the_source_name()
    {
        var ex = Assert.Throws<HoconResolveException>(() =>
            new ConfigurationBuilder().AddHocon("a = ${missing.path}", "inline.conf").Build());

        Assert.StartsWith("inline.conf:1:5: could not resolve substitution ${missing.path}", ex.Message);
    }
}
