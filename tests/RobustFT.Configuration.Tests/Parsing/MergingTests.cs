using RobustFT.Configuration.Model;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Parsing;

public class MergingTests
{
    [Fact]
    public void Duplicate_object_keys_merge_and_later_fields_win()
    {
        var root = Hocon.Resolve("""
            a { x = 1, y = 2 }
            a { y = 3, z = 4 }
            a.w = 5
            """);

        Assert.Equal("1", root.Text("a.x"));
        Assert.Equal("3", root.Text("a.y"));
        Assert.Equal("4", root.Text("a.z"));
        Assert.Equal("5", root.Text("a.w"));
    }

    [Fact]
    public void A_non_object_value_replaces_an_earlier_object_and_hides_it_from_later_objects()
    {
        var root = Hocon.Resolve("""
            a { x = 1 }
            a = 42
            b { x = 1 }
            b = null
            b { y = 2 }
            """);

        Assert.Equal("42", root.Text("a"));
        var b = Assert.IsType<HoconObject>(root.At("b"));
        Assert.Equal(["y"], b.Keys);
    }

    [Fact]
    public void Plus_equals_appends_to_an_existing_array_or_starts_a_new_one()
    {
        var root = Hocon.Resolve("""
            roles = [coordinator]
            roles += gpu
            roles += sample
            fresh += { name = x }
            """);

        Assert.Equal(["coordinator", "gpu", "sample"], ((HoconArray)root.At("roles")).Items.Select(i => i.GetString()));
        var fresh = Assert.IsType<HoconArray>(root.At("fresh"));
        Assert.Equal("x", ((HoconObject)Assert.Single(fresh.Items)).Text("name"));
    }

    [Fact]
    public void Merge_layers_overrides_over_fallback_before_resolution()
    {
        var defaults = HoconConfig.Parse("""
            robustft { method { beta = 0.5, k = 3 }, name = base, summary = ${robustft.name}-${robustft.method.k} }
            """, "robustft.conf");
        var cluster = HoconConfig.Parse("robustft { method.k = 5, name = cluster }", "cluster.conf");

        var resolved = HoconConfig.Resolve(HoconConfig.Merge(defaults, cluster));

        Assert.Equal("0.5", resolved.Text("robustft.method.beta"));
        Assert.Equal("5", resolved.Text("robustft.method.k"));
        Assert.Equal("cluster-5", resolved.Text("robustft.summary"));
    }

    [Fact]
    public void Merging_keeps_only_adjacent_objects_together_as_the_spec_describes()
    {
        var first = HoconConfig.Parse("a { y = 2 }");
        var second = HoconConfig.Parse("a = 42");
        var third = HoconConfig.Parse("a { x = 1 }");

        var hidden = HoconConfig.Resolve(HoconConfig.Merge([first, second, third]));
        var adjacent = HoconConfig.Resolve(HoconConfig.Merge([second, first, third]));

        Assert.Equal(["x"], ((HoconObject)hidden.At("a")).Keys);
        Assert.Equal(["y", "x"], ((HoconObject)adjacent.At("a")).Keys);
    }

    [Fact]
    public void A_self_reference_in_an_override_layer_sees_the_fallback_value()
    {
        var defaults = HoconConfig.Parse("path = /usr/bin");
        var overrides = HoconConfig.Parse("path = ${path}\":/opt/bin\"");

        var resolved = HoconConfig.Resolve(HoconConfig.Merge(defaults, overrides));

        Assert.Equal("/usr/bin:/opt/bin", resolved.Text("path"));
    }
}
