using System.Text.Json;
using RobustFT.Configuration.Rendering;
using RobustFT.Configuration.Tests.Support;

namespace RobustFT.Configuration.Tests.Rendering;

public class HoconRendererTests
{
    [Fact]
    public void Json_keeps_types_order_and_nesting_of_the_resolved_tree()
    {
        var root = Hocon.Resolve("b = 0.50\na { list = [1, two, true, null], flag = false }");

        var json = HoconRenderer.ToJson(root, _ => false);

        using var doc = JsonDocument.Parse(json);
        Assert.Equal(["b", "a"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, doc.RootElement.GetProperty("b").ValueKind);
        Assert.Contains("\"b\": 0.50", json);
        var list = doc.RootElement.GetProperty("a").GetProperty("list");
        Assert.Equal([JsonValueKind.Number, JsonValueKind.String, JsonValueKind.True, JsonValueKind.Null],
            list.EnumerateArray().Select(e => e.ValueKind));
        Assert.Contains("\n  ", json);
    }

    [Fact]
    public void Default_redaction_hides_passwords_secrets_tokens_and_api_keys_but_not_ordinary_keys()
    {
        var root = Hocon.Resolve("""
            db { password = hunter2, pg-password = p, user = robust }
            client-secret = s
            auth-token = t
            accessToken = t2
            api-key = k1
            k = 3
            keep-alive = 10s
            max-new-tokens = 256
            tokenizer = tokenizer.json
            key-count = 2
            """);

        var doc = JsonDocument.Parse(HoconRenderer.ToJson(root));
        var r = doc.RootElement;

        Assert.Equal("***", r.GetProperty("db").GetProperty("password").GetString());
        Assert.Equal("***", r.GetProperty("db").GetProperty("pg-password").GetString());
        Assert.Equal("robust", r.GetProperty("db").GetProperty("user").GetString());
        Assert.Equal("***", r.GetProperty("client-secret").GetString());
        Assert.Equal("***", r.GetProperty("auth-token").GetString());
        Assert.Equal("***", r.GetProperty("accessToken").GetString());
        Assert.Equal("***", r.GetProperty("api-key").GetString());
        Assert.Equal(3, r.GetProperty("k").GetInt32());
        Assert.Equal("10s", r.GetProperty("keep-alive").GetString());
        Assert.Equal(256, r.GetProperty("max-new-tokens").GetInt32());
        Assert.Equal("tokenizer.json", r.GetProperty("tokenizer").GetString());
        Assert.Equal(2, r.GetProperty("key-count").GetInt32());
    }

    [Fact]
    public void A_custom_redaction_receives_dotted_paths_with_quoted_segments()
    {
        var root = Hocon.Resolve("a { \"b.c\" = 1, d = [x, y] }");
        var seen = new List<string>();

        HoconRenderer.ToJson(root, path =>
        {
            seen.Add(path);
            return path == "a.d.1";
        });

        Assert.Equal(["a", "a.\"b.c\"", "a.d", "a.d.0", "a.d.1"], seen);
        Assert.True(HoconRenderer.IsSecret("robustft.store.postgres.password"));
        Assert.False(HoconRenderer.IsSecret("\"password.hint\".length"));
    }

    [Fact]
    public void Rendering_an_unresolved_tree_is_refused()
    {
        var parsed = HoconConfig.Parse("a = ${b}\nb = 1");

        Assert.Throws<InvalidOperationException>(() => HoconRenderer.ToJson(parsed));
    }

    [Fact]
    public void Path_lines_give_one_leaf_per_line_redacted_and_parse_back_to_the_same_tree()
    {
        var root = Hocon.Resolve("""
            a { b = 0.50, "c.d" = "x y", list = [1, two], empty {} }
            db.password = hunter2
            """);

        var lines = HoconRenderer.ToPathLines(root);

        Assert.Equal("a.b = 0.50\na.\"c.d\" = \"x y\"\na.list = [1,\"two\"]\na.empty = {}\ndb.password = \"***\"\n", lines);
        var reparsed = Hocon.Resolve(lines);
        Assert.Equal(HoconRenderer.ToJson(root), HoconRenderer.ToJson(reparsed));
    }
}
