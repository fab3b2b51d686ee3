using RobustFT.Configuration.Model;
using RobustFT.Configuration.Resolution;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Parsing;

public class ConcatenationTests
{
    [Fact]
    public void String_concatenation_keeps_the_whitespace_between_parts_and_drops_it_at_the_ends()
    {
        var root = Hocon.Resolve("a =   \"foo\"  bar \"baz\"   \nb = 10 seconds\nc = \"x\"\"y\"");

        Assert.Equal("foo  bar baz", root.Text("a"));
        Assert.Equal("10 seconds", root.Text("b"));
        Assert.Equal("xy", root.Text("c"));
    }

    [Fact]
    public void Substitutions_inside_a_string_concatenation_are_stringified()
    {
        var root = Hocon.Resolve("""
            host = "db.local"
            port = 5432
            on = true
            url = "postgres://"${host}":"${port}/robustft
            text = port is ${port} and ${on}
            """);

        Assert.Equal("postgres://db.local:5432/robustft", root.Text("url"));
        Assert.Equal("port is 5432 and true", root.Text("text"));
    }

    [Fact]
    public void A_lone_substitution_keeps_the_type_of_its_target()
    {
        var root = Hocon.Resolve("n = 3\nlist = [1]\nobj { x = 1 }\na = ${n}\nb = ${list}\nc = ${obj}");

        Assert.IsType<HoconNumber>(root.At("a"));
        Assert.IsType<HoconArray>(root.At("b"));
        Assert.Equal("1", root.Text("c.x"));
    }

    [Fact]
    public void Null_concatenates_as_an_empty_string()
    {
        var root = Hocon.Resolve("n = null\na = x${n}y");

        Assert.Equal("xy", root.Text("a"));
    }

    [Fact]
    public void Objects_written_side_by_side_merge_and_substituted_objects_join_them()
    {
        var root = Hocon.Resolve("""
            defaults { retries = 3, timeout = 10s }
            a = { x = 1 } { y = 2 }
            b = ${defaults} { timeout = 30s }
            """);

        Assert.Equal("1", root.Text("a.x"));
        Assert.Equal("2", root.Text("a.y"));
        Assert.Equal("3", root.Text("b.retries"));
        Assert.Equal("30s", root.Text("b.timeout"));
    }

    [Fact]
    public void Arrays_written_side_by_side_or_substituted_are_concatenated()
    {
        var root = Hocon.Resolve("base = [a, b]\nboth = [1] [2, 3]\nmore = ${base} [c]");

        Assert.Equal(["1", "2", "3"], ((HoconArray)root.At("both")).Items.Select(i => i.GetString()));
        Assert.Equal(["a", "b", "c"], ((HoconArray)root.At("more")).Items.Select(i => i.GetString()));
    }

    [Fact]
    public void Concatenating_an_object_with_a_string_is_an_error_that_names_the_field()
    {
        var ex = Assert.Throws<HoconResolveException>(() => Hocon.Resolve("obj { x = 1 }\na = ${obj} foo"));

        Assert.Contains("'a'", ex.Message);
        Assert.Contains("test.conf:2:", ex.Message);
    }
}
