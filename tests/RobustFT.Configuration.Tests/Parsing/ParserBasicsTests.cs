using RobustFT.Configuration.Model;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Parsing;

public class ParserBasicsTests
{
    [Fact]
    public void Root_braces_are_optional_and_equals_colon_and_brace_all_separate_keys_from_values()
    {
        var braced = Hocon.Resolve("{ a = 1, b : 2, c { d = 3 } }");
        var bare = Hocon.Resolve("a = 1\nb : 2\nc { d = 3 }");

        foreach (var root in new[] { braced, bare })
        {
            Assert.Equal("1", root.Text("a"));
            Assert.Equal("2", root.Text("b"));
            Assert.Equal("3", root.Text("c.d"));
        }
    }

    [Fact]
    public void Newlines_and_commas_separate_fields_and_trailing_commas_are_accepted()
    {
        var root = Hocon.Resolve("a = 1,\nb = 2\n\n c = 3,\n d = [1, 2, 3,],\n");

        Assert.Equal(["a", "b", "c", "d"], root.Keys);
        Assert.Equal(3, ((HoconArray)root.At("d")).Items.Count);
    }

    [Fact]
    public void Hash_and_double_slash_comments_are_ignored_including_after_values()
    {
        var root = Hocon.Resolve("""
            # heading
            a = 1 # after a number
            b = some text // after an unquoted string
            // a whole line
            c = "x#y//z" # the quoted text keeps its comment characters
            url = "http://host/path"
            """);

        Assert.Equal("1", root.Text("a"));
        Assert.IsType<HoconNumber>(root.At("a"));
        Assert.Equal("some text", root.Text("b"));
        Assert.Equal("x#y//z", root.Text("c"));
        Assert.Equal("http://host/path", root.Text("url"));
        Assert.Equal(4, root.Count);
    }

    [Fact]
    public void Unquoted_words_with_spaces_form_one_string_and_keep_inner_whitespace()
    {
        var root = Hocon.Resolve("a = a b c\nb = x   y\t z   \n");

        Assert.Equal("a b c", root.Text("a"));
        Assert.Equal("x   y\t z", root.Text("b"));
    }

    [Fact]
    public void Numbers_booleans_and_null_are_typed_only_when_written_alone_and_unquoted()
    {
        var root = Hocon.Resolve("""
            int = 42
            negative = -7
            real = 0.5
            exp = 1e+5
            quoted = "42"
            yes = true
            no = false
            nothing = null
            quotedTrue = "true"
            version = 1.2.3
            leadingZero = 007
            sentence = true story
            """);

        Assert.IsType<HoconNumber>(root.At("int"));
        Assert.True(((HoconNumber)root.At("int")).TryGetInt64(out var i) && i == 42);
        Assert.IsType<HoconNumber>(root.At("negative"));
        Assert.Equal(0.5, root.At("real").GetDouble());
        Assert.Equal(100000d, root.At("exp").GetDouble());
        Assert.IsType<HoconString>(root.At("quoted"));
        Assert.True(((HoconBoolean)root.At("yes")).Value);
        Assert.False(((HoconBoolean)root.At("no")).Value);
        Assert.IsType<HoconNull>(root.At("nothing"));
        Assert.IsType<HoconString>(root.At("quotedTrue"));
        Assert.Equal("1.2.3", Assert.IsType<HoconString>(root.At("version")).Value);
        Assert.IsType<HoconString>(root.At("leadingZero"));
        Assert.Equal("true story", Assert.IsType<HoconString>(root.At("sentence")).Value);
    }

    [Fact]
    public void Quoted_strings_understand_json_escapes()
    {
        var root = Hocon.Resolve("""a = "tab\tquote\"slash\\ unicode\u00e9 nl\n" """);

        Assert.Equal("tab\tquote\"slash\\ unicode\u00e9 nl\n", root.Text("a"));
    }

    [Fact]
    public void Triple_quoted_strings_span_lines_keep_escapes_raw_and_extra_closing_quotes()
    {
        var root = Hocon.Resolve("a = \"\"\"line one\n  \"quoted\" \\n raw\nline three\"\"\"\nb = \"\"\"x\"\"\"\"\"\n");

        Assert.Equal("line one\n  \"quoted\" \\n raw\nline three", root.Text("a"));
        Assert.Equal("x\"\"", root.Text("b"));
    }

    [Fact]
    public void Dotted_keys_expand_to_nested_objects_but_quoted_segments_keep_their_dots()
    {
        var root = Hocon.Resolve("""
            a.b.c = 1
            "a.b".c = 2
            x."y.z".w = 3
            """);

        Assert.Equal("1", root.Text("a.b.c"));
        var quoted = Assert.IsType<HoconObject>(root.Fields["a.b"]);
        Assert.Equal("2", quoted.Text("c"));
        Assert.Equal("3", ((HoconObject)((HoconObject)root.Fields["x"]).Fields["y.z"]).Text("w"));
        Assert.Equal(["a", "a.b", "x"], root.Keys);
    }

    [Fact]
    public void Keys_may_contain_spaces_between_words_and_the_word_include_when_not_first()
    {
        var root = Hocon.Resolve("foo bar = 1\nfoo include : 42\n\"include\" = 7\nvalue = include");

        Assert.Equal("1", root.Text("\"foo bar\""));
        Assert.Equal("42", root.Text("\"foo include\""));
        Assert.Equal("7", root.Text("include"));
        Assert.Equal("include", root.Text("value"));
    }

    [Fact]
    public void Arrays_hold_mixed_values_objects_and_nested_arrays_across_lines()
    {
        var root = Hocon.Resolve("""
            list = [
              1
              "two", three
              { name = a, size = 1 }
              { name = b }
              [x, y]
            ]
            """);

        var items = ((HoconArray)root.At("list")).Items;
        Assert.Equal(6, items.Count);
        Assert.IsType<HoconNumber>(items[0]);
        Assert.Equal("two", items[1].GetString());
        Assert.Equal("three", items[2].GetString());
        Assert.Equal("a", ((HoconObject)items[3]).Text("name"));
        Assert.Equal("b", ((HoconObject)items[4]).Text("name"));
        Assert.Equal(["x", "y"], ((HoconArray)items[5]).Items.Select(v => v.GetString()));
    }

    [Fact]
    public void Every_value_remembers_its_file_line_and_column()
    {
        var root = HoconConfig.Parse("a = 1\n  b {\n    c = \"x\"\n  }", "origin.conf");

        Assert.Equal(new HoconOrigin("origin.conf", 1, 5), root.At("a").Origin);
        Assert.Equal(new HoconOrigin("origin.conf", 3, 9), root.At("b.c").Origin);
        Assert.Equal(new HoconOrigin("origin.conf", 2, 5), root.At("b").Origin);
    }

    [Fact]
    public void An_empty_document_or_only_comments_is_an_empty_object()
    {
        Assert.Equal(0, Hocon.Resolve("").Count);
        Assert.Equal(0, Hocon.Resolve("# nothing\n// here\n").Count);
        Assert.Equal(0, Hocon.Resolve("{}").Count);
    }

    [Fact]
    public void Windows_line_endings_separate_fields_and_are_not_part_of_values()
    {
        var root = HoconConfig.Parse("a = one two\r\nb = 2\r\nc { d = x }\r\n", "crlf.conf");

        Assert.Equal("one two", root.Text("a"));
        Assert.Equal("2", root.Text("b"));
        Assert.Equal("x", root.Text("c.d"));
        Assert.Equal(new HoconOrigin("crlf.conf", 2, 5), root.At("b").Origin);
    }
}
