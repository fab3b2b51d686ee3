using RobustFT.Configuration.Model;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Parsing;

/// <summary>The spec's whitespace and newline rules around keys, separators and path expressions (lightbend/config
/// HOCON.md: "Key-value separator", "Whitespace", "Path expressions", "Paths as keys").</summary>
public class KeySeparatorWhitespaceTests
{
    [Fact]
    public void A_key_followed_by_a_newline_then_a_brace_opens_its_object()
    {
        var root = Hocon.Resolve("server\n{\n  port = 8080\n}\nafter = 1");

        Assert.Equal("8080", root.Text("server.port"));
        Assert.Equal("1", root.Text("after"));
    }

    [Theory]
    [InlineData("key\n: value")]
    [InlineData("key\n= value")]
    [InlineData("key\n\n\n  =   value")]
    [InlineData("\"key\" # a comment\n: value")]
    [InlineData("key // a comment\n= value")]
    [InlineData("key\n# a whole comment line\n// and another\n: value")]
    [InlineData("{ key\n: value }")]
    public void Newlines_and_comments_may_stand_between_a_key_and_its_separator(string text)
    {
        Assert.Equal("value", Hocon.Resolve(text).Text("key"));
    }

    [Fact]
    public void A_path_expression_then_a_newline_then_a_colon_sets_the_nested_key()
    {
        var root = Hocon.Resolve("a.b.\"c.d\"\n: 42\nx.y\n{ z = 1 }");

        Assert.Equal("42", root.Text("a.b.\"c.d\""));
        Assert.Equal("1", root.Text("x.y.z"));
    }

    [Fact]
    public void Plus_equals_may_follow_a_newline_after_the_key()
    {
        var root = Hocon.Resolve("list = [1]\nlist\n+= 2");

        Assert.Equal(["1", "2"], ((HoconArray)root.At("list")).Items.Select(i => i.GetString() ?? "").ToArray());
    }

    [Fact]
    public void A_newline_after_the_separator_is_still_allowed_before_the_value()
    {
        var root = Hocon.Resolve("a =\n  1\nb :\n # comment\n  2");

        Assert.Equal("1", root.Text("a"));
        Assert.Equal("2", root.Text("b"));
    }

    [Fact]
    public void Whitespace_between_the_parts_of_a_key_is_kept_and_around_it_is_trimmed()
    {
        var root = Hocon.Resolve("  a b  c   : 42\n\"x\" \"y\" = 1");

        Assert.Equal(["a b  c", "x y"], root.Keys);
    }

    [Fact]
    public void Dots_in_numbers_inside_keys_separate_path_elements_as_written()
    {
        var root = Hocon.Resolve("10.0foo : 1\nfoo10.0 : 2\nfoo\"10.0\" : 3\ntrue : 4\n3.14 : 5");

        Assert.Equal("1", root.Text("10.\"0foo\""));
        Assert.Equal("2", root.Text("foo10.\"0\""));
        Assert.Equal("3", root.Text("\"foo10.0\""));
        Assert.Equal("4", root.Text("\"true\""));
        Assert.Equal("5", root.Text("\"3\".\"14\""));
    }

    [Theory]
    [InlineData('\u00A0')] // no-break space (Zs)
    [InlineData('\u2007')] // figure space (Zs)
    [InlineData('\u202F')] // narrow no-break space (Zs)
    [InlineData('\u2028')] // line separator (Zl)
    [InlineData('\u2029')] // paragraph separator (Zp)
    [InlineData('\u000B')] // vertical tab
    [InlineData('\u000C')] // form feed
    [InlineData('\r')]
    [InlineData('\u001C')] // file separator
    [InlineData('\u001D')] // group separator
    [InlineData('\u001E')] // record separator
    [InlineData('\u001F')] // unit separator
    [InlineData('\uFEFF')] // byte order mark
    public void Every_whitespace_character_of_the_spec_separates_keys_separators_and_values(char space)
    {
        var root = Hocon.Resolve($"{space}a{space}={space}1{space}\nb{space}{{{space}c{space}:{space}2{space}}}");

        Assert.Equal("1", root.Text("a"));
        Assert.Equal("2", root.Text("b.c"));
    }

    [Fact]
    public void Only_an_ascii_newline_separates_fields_other_whitespace_does_not()
    {
        Assert.Throws<RobustFT.Configuration.Parsing.HoconParseException>(() => Hocon.Resolve("a = 1\u2028b = 2"));
    }

    [Fact]
    public void Include_later_in_a_path_expression_is_an_ordinary_key_even_before_a_newline_and_separator()
    {
        var root = Hocon.Resolve("foo include\n: 42");

        Assert.Equal("42", root.Text("\"foo include\""));
    }
}
