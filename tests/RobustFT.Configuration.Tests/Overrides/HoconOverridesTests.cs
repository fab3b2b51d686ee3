using RobustFT.Configuration.Model;
using RobustFT.Configuration.Overrides;
using RobustFT.Configuration.Parsing;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Overrides;

public class HoconOverridesTests
{
    [Fact]
    public void Set_values_are_parsed_as_hocon_values_at_dotted_paths()
    {
        var tree = HoconConfig.Resolve(HoconOverrides.Parse([
            "robustft.method.beta=0.3",
            "robustft.cluster.roles=[gpu,sample]",
            "a.b=\"quoted string\"",
            "plain=some words",
            "empty=",
        ]));

        Assert.IsType<HoconNumber>(tree.At("robustft.method.beta"));
        Assert.Equal("0.3", tree.Text("robustft.method.beta"));
        Assert.Equal(["gpu", "sample"], ((HoconArray)tree.At("robustft.cluster.roles")).Items.Select(i => i.GetString()));
        Assert.Equal("quoted string", tree.Text("a.b"));
        Assert.Equal("some words", tree.Text("plain"));
        Assert.Equal(string.Empty, tree.Text("empty"));
    }

    [Fact]
    public void Later_sets_win_and_overrides_layer_over_file_defaults_before_resolution()
    {
        var defaults = HoconConfig.Parse("robustft { method { beta = 0.5, k = 3 }, label = k${robustft.method.k} }");
        var overrides = HoconOverrides.Parse(["robustft.method.k=4", "robustft.method.k=6"]);

        var tree = HoconConfig.Resolve(HoconConfig.Merge(defaults, overrides));

        Assert.Equal("0.5", tree.Text("robustft.method.beta"));
        Assert.Equal("6", tree.Text("robustft.method.k"));
        Assert.Equal("k6", tree.Text("robustft.label"));
    }

    [Fact]
    public void A_set_without_equals_is_an_argument_error_naming_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => HoconOverrides.Parse(["robustft.method.beta"]));

        Assert.Contains("robustft.method.beta", ex.Message);
    }

    [Fact]
    public void A_set_with_an_invalid_value_reports_which_key_it_was_for()
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconOverrides.Parse(["a.b=[1,2"]));

        Assert.Equal("--set a.b", ex.SourceName);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("amqp://host/vhost#x")]
    [InlineData("C:/models/a")]
    public void An_unquoted_url_is_taken_literally_instead_of_cut_at_a_comment(string url)
    {
        var tree = HoconConfig.Resolve(HoconOverrides.Parse([$"robustft.dashboard.url={url}"]));

        Assert.Equal(url, tree.Text("robustft.dashboard.url"));
    }
}
