using RobustFT.Configuration.Parsing;

namespace RobustFT.Configuration.Tests.Parsing;

public class ParseErrorTests
{
    private static HoconParseException Fails(string text) =>
        Assert.Throws<HoconParseException>(() => HoconConfig.Parse(text, "hocon/cluster.conf"));

    [Fact]
    public void A_key_without_separator_is_reported_at_the_offending_token()
    {
        var ex = Fails("a = 1\nclusters [1]\n");

        Assert.Equal("hocon/cluster.conf:2:10: expected '=', ':' or '{' after key 'clusters'", ex.Message);
        Assert.Equal((2, 10), (ex.Line, ex.Column));
        Assert.Equal("hocon/cluster.conf", ex.SourceName);
    }

    [Fact]
    public void A_key_with_no_separator_before_the_next_line_is_reported_at_the_key()
    {
        var ex = Fails("a = 1\nclusters\n");

        Assert.Equal("hocon/cluster.conf:2:1: key 'clusters' has no '=', ':' or '{' (found end of input on a later line)", ex.Message);
    }

    [Fact]
    public void A_key_never_spans_a_newline_so_two_bare_words_on_two_lines_are_rejected()
    {
        var ex = Fails("a\nb = 1");

        Assert.Equal((1, 1), (ex.Line, ex.Column));
        Assert.Contains("key 'a' has no", ex.Message);
    }

    [Fact]
    public void An_unclosed_object_names_where_it_was_opened()
    {
        var ex = Fails("a {\n  b = 1\n");

        Assert.Equal("hocon/cluster.conf:3:1: unexpected end of input: expected '}' to close the object opened at 1:3", ex.Message);
    }

    [Fact]
    public void A_missing_value_is_reported_where_the_value_should_start()
    {
        var ex = Fails("x = 1\n  a = ,\n");

        Assert.Equal((2, 7), (ex.Line, ex.Column));
        Assert.Contains("expected a value for 'a'", ex.Message);
    }

    [Fact]
    public void A_reserved_character_in_an_unquoted_string_is_rejected_at_its_column()
    {
        var ex = Fails("a = foo!bar");

        Assert.Equal((1, 8), (ex.Line, ex.Column));
        Assert.Contains("'!'", ex.Message);
    }

    [Fact]
    public void A_lone_plus_is_rejected()
    {
        var ex = Fails("a = 1\nb = x + y");

        Assert.Equal((2, 7), (ex.Line, ex.Column));
    }

    [Fact]
    public void A_newline_inside_a_quoted_string_is_an_error_at_the_end_of_the_line()
    {
        var ex = Fails("a = \"abc\nb = 1");

        Assert.Equal((1, 9), (ex.Line, ex.Column));
        Assert.Contains("newline in quoted string", ex.Message);
    }

    [Fact]
    public void Unterminated_substitutions_and_triple_quotes_are_reported_where_they_start()
    {
        Assert.Equal((2, 5), Position(Fails("a = 1\nb = ${foo\n")));
        Assert.Equal((1, 5), Position(Fails("a = \"\"\"never closed\n\n")));
    }

    [Fact]
    public void Two_values_without_separator_inside_an_array_or_object_are_rejected()
    {
        Assert.Equal((1, 11), Position(Fails("a = [1, 2 } ")));
        Assert.Equal((1, 9), Position(Fails("{ a = 1 = 2 }")));
    }

    [Fact]
    public void Empty_key_segments_and_substitutions_in_keys_are_rejected()
    {
        Assert.Contains("empty path segment", Fails("a..b = 1").Message);
        Assert.Contains("ends with '.'", Fails("a. = 1").Message);
        Assert.Contains("substitutions are not allowed in keys", Fails("${x} = 1").Message);
    }

    [Fact]
    public void A_root_array_is_rejected_because_configuration_must_be_an_object()
    {
        Assert.Contains("must be an object", Fails("[1, 2]").Message);
    }

    private static (int, int) Position(HoconParseException ex) => (ex.Line, ex.Column);
}
