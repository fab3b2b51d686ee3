using RobustFT.Configuration.Parsing;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Parsing;

public class IncludeTests
{
    [Fact]
    public void Include_reads_a_file_relative_to_the_including_file_not_the_working_directory()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/shared/base.conf", "db { host = localhost, port = 5432 }");
        var main = dir.Write("conf/main.conf", "include \"shared/base.conf\"\ndb.port = 6543");

        var root = HoconConfig.Load(main);

        Assert.Equal("localhost", root.Text("db.host"));
        Assert.Equal("6543", root.Text("db.port"));
    }

    [Fact]
    public void Include_file_and_required_forms_work_and_later_keys_override_included_ones()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "x = from-a\ny = from-a");
        dir.Write("b.conf", "y = from-b\nz = from-b");
        var main = dir.Write("main.conf", "x = early\ninclude file(\"a.conf\")\ninclude required( file(\"b.conf\") )\nz = late");

        var root = HoconConfig.Load(main);

        Assert.Equal("from-a", root.Text("x"));
        Assert.Equal("from-b", root.Text("y"));
        Assert.Equal("late", root.Text("z"));
    }

    [Fact]
    public void A_missing_optional_include_is_ignored_but_a_missing_required_one_is_an_error_naming_it()
    {
        using var dir = new TempDirectory();
        var optional = dir.Write("optional.conf", "include \"nope.conf\"\na = 1");
        var required = dir.Write("required.conf", "a = 1\ninclude required(\"secrets.conf\")");

        Assert.Equal("1", HoconConfig.Load(optional).Text("a"));
        var ex = Assert.Throws<HoconParseException>(() => HoconConfig.Load(required));
        Assert.Contains("required include 'secrets.conf' not found", ex.Message);
        Assert.Contains("required.conf:2:18", ex.Message);
    }

    [Fact]
    public void Substitutions_in_a_file_included_inside_an_object_are_relative_to_that_object()
    {
        using var dir = new TempDirectory();
        dir.Write("foo.conf", "x : 10, y : ${x}, z : ${top}");
        var main = dir.Write("main.conf", "top = root-value\na : { include \"foo.conf\" }\na : { x : 42 }");

        var root = HoconConfig.Load(main);

        Assert.Equal("42", root.Text("a.y"));
        Assert.Equal("root-value", root.Text("a.z"));
    }

    [Fact]
    public void A_name_without_extension_loads_the_conf_file()
    {
        using var dir = new TempDirectory();
        dir.Write("defaults.conf", "answer = 42");
        var main = dir.Write("main.conf", "include \"defaults\"");

        Assert.Equal("42", HoconConfig.Load(main).Text("answer"));
    }

    [Fact]
    public void An_include_cycle_is_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "include \"b.conf\"");
        dir.Write("b.conf", "include \"a.conf\"");

        var ex = Assert.Throws<HoconParseException>(() => HoconConfig.Load(Path.Combine(dir.Path, "a.conf")));

        Assert.Contains("include cycle: a.conf -> b.conf -> a.conf", ex.Message);
    }

    [Fact]
    public void Parse_errors_in_an_included_file_name_that_file()
    {
        using var dir = new TempDirectory();
        var broken = dir.Write("broken.conf", "ok = 1\nbad = [1, 2");
        var main = dir.Write("main.conf", "include \"broken.conf\"");

        var ex = Assert.Throws<HoconParseException>(() => HoconConfig.Load(main));

        Assert.Equal(broken, ex.SourceName);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Url_and_classpath_includes_are_rejected_as_unsupported()
    {
        var ex = Assert.Throws<HoconParseException>(() => HoconConfig.Parse("include url(\"http://example.com/a.conf\")", "main.conf"));

        Assert.Equal("main.conf:1:9: include url(...) is not supported; use file(...)", ex.Message);
    }

    [Fact]
    public void Newlines_and_comment_lines_may_stand_between_include_and_its_file_name()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "x = from-a");
        var main = dir.Write("main.conf", "include\n  # the shared part\n  \"a.conf\"\ny = 2");

        var root = HoconConfig.Load(main);

        Assert.Equal("from-a", root.Text("x"));
        Assert.Equal("2", root.Text("y"));
    }
}
