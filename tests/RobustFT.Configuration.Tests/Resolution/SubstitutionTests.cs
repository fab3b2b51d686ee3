using RobustFT.Configuration.Model;
using RobustFT.Configuration.Resolution;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Resolution;

public class SubstitutionTests
{
    [Fact]
    public void Substitutions_resolve_against_the_whole_tree_including_later_definitions()
    {
        var root = Hocon.Resolve("""
            a = ${b.c}
            b { c = ${d} }
            d = final
            """);

        Assert.Equal("final", root.Text("a"));
        Assert.Equal("final", root.Text("b.c"));
    }

    [Fact]
    public void Substitutions_see_the_last_value_of_a_key_after_merging()
    {
        var root = Hocon.Resolve("x = first\ny = ${x}\nx = second");

        Assert.Equal("second", root.Text("y"));
    }

    [Fact]
    public void An_object_may_refer_to_its_own_fields()
    {
        var root = Hocon.Resolve("bar : { foo : 42, baz : ${bar.foo} }");

        Assert.Equal("42", root.Text("bar.baz"));
    }

    [Fact]
    public void Optional_substitution_reads_a_real_environment_variable_when_the_path_is_not_in_the_config()
    {
        using var variable = new EnvironmentVariable("s3cret");

        var root = Hocon.Resolve($"password = \"x\"\npassword = ${{?{variable.Name}}}\nrequired = ${{{variable.Name}}}");

        Assert.Equal("s3cret", root.Text("password"));
        Assert.Equal("s3cret", root.Text("required"));
    }

    [Fact]
    public void Optional_substitution_with_no_value_keeps_the_previous_value_or_leaves_the_field_undefined()
    {
        var missing = "ROBUSTFT_HOCON_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();

        var root = Hocon.Resolve($"password = \"x\"\npassword = ${{?{missing}}}\nother = ${{?{missing}}}\nlist = [a, ${{?{missing}}}]");

        Assert.Equal("x", root.Text("password"));
        Assert.Null(root.Find("other"));
        Assert.Equal(["a"], ((HoconArray)root.At("list")).Items.Select(i => i.GetString()));
    }

    [Fact]
    public void A_value_in_the_config_wins_over_an_environment_variable_of_the_same_name()
    {
        using var variable = new EnvironmentVariable("from-env");

        var root = Hocon.Resolve($"{variable.Name} = from-config\nv = ${{{variable.Name}}}");

        Assert.Equal("from-config", root.Text("v"));
    }

    [Fact]
    public void Self_referential_substitution_extends_the_previous_value()
    {
        var root = Hocon.Resolve("""
            path = "/bin"
            path = ${path}":/usr/bin"
            path = ${path} ":/x"
            obj { a = 1 }
            obj = ${obj} { b = 2 }
            """);

        Assert.Equal("/bin:/usr/bin :/x", root.Text("path"));
        Assert.Equal("1", root.Text("obj.a"));
        Assert.Equal("2", root.Text("obj.b"));
    }

    [Fact]
    public void Self_reference_without_a_previous_value_falls_back_to_the_environment()
    {
        using var variable = new EnvironmentVariable("/env");

        var root = Hocon.Resolve($"{variable.Name} = ${{{variable.Name}}}\":/added\"");

        Assert.Equal("/env:/added", root.Text(variable.Name));
    }

    [Fact]
    public void A_missing_required_substitution_names_the_path_the_field_and_the_position()
    {
        var ex = Assert.Throws<HoconResolveException>(() => Hocon.Resolve("a {\n  b = 1\n  c = ${nowhere.to.be.found}\n}"));

        Assert.StartsWith("test.conf:3:7: could not resolve substitution ${nowhere.to.be.found} referenced by 'a.c'", ex.Message);
    }

    [Fact]
    public void A_substitution_cycle_is_reported_with_its_chain()
    {
        var ex = Assert.Throws<HoconResolveException>(() => Hocon.Resolve("a = ${b}\nb = ${c}\nc = ${a}"));

        Assert.Contains("substitution cycle", ex.Message);
        Assert.Contains("${a}", ex.Message);
        Assert.Contains("${b}", ex.Message);
    }

    [Fact]
    public void A_custom_environment_is_used_instead_of_the_process_environment()
    {
        var parsed = HoconConfig.Parse("home = ${HOME_DIR}");

        var resolved = HoconConfig.Resolve(parsed, name => name == "HOME_DIR" ? "/home/robust" : null);

        Assert.Equal("/home/robust", resolved.Text("home"));
    }

    [Fact]
    public void Substitutions_inside_arrays_and_quoted_key_paths_resolve()
    {
        var root = Hocon.Resolve("\"a.b\" { c = 7 }\nlist = [${\"a.b\".c}, x]");

        Assert.Equal(["7", "x"], ((HoconArray)root.At("list")).Items.Select(i => i.GetString()));
    }

    [Fact]
    public void Self_reference_and_append_work_through_dotted_keys_into_nested_objects()
    {
        var root = Hocon.Resolve("""
            robustft { cluster { roles = [coordinator], name = east } }
            robustft.cluster.roles += gpu
            robustft.cluster.name = ${robustft.cluster.name}-1
            """);

        Assert.Equal(["coordinator", "gpu"], ((HoconArray)root.At("robustft.cluster.roles")).Items.Select(i => i.GetString()));
        Assert.Equal("east-1", root.Text("robustft.cluster.name"));
    }

    [Fact]
    public void An_undefined_optional_substitution_inside_a_string_concatenation_is_empty()
    {
        var missing = "ROBUSTFT_HOCON_TEST_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant();

        var root = Hocon.Resolve($"a = pre${{?{missing}}}post");

        Assert.Equal("prepost", root.Text("a"));
    }
}
