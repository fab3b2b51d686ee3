using Microsoft.Extensions.Configuration;
using RobustFT.Configuration.Model;
using RobustFT.Configuration.Provider;
using RobustFT.Configuration.Rendering;
using RobustFT.Configuration.Tests.Support;
using RobustFT.Configuration.Units;

namespace RobustFT.Configuration.Tests;

public class RealisticConfigTests
{
    private const string Template = """"
        robustft {
          method { beta = 0.5, k = 3, checker = both-agree, threshold = 1.0, reasoning-rounds = 1, seed = 42 }
          inference {
            backend = onnx
            onnxruntime-library = ""
            onnxruntime-library = ${?ORT_VAR}
            generator { model = "", execution-provider = cpu, device-id = 0, max-new-tokens = 256, temperature = 0 }
            batching { max-batch-size = 32, max-batch-tokens = 16384, max-wait = 20ms }
          }
          store { kind = sqlite, sqlite-path = "robustft.db", postgres { host = "127.0.0.1", port = 5432, password = ${?PG_VAR} } }
          tasks = [ { name = mytask, kind = multiple-choice, question-type = "multi-choice", instruction = """The answer must be an uppercase letter.""" } ]
        }
        """";

    [Fact]
    public void The_robustft_config_parses_with_types_and_unset_environment_overrides_keep_defaults()
    {
        var text = Template.Replace("ORT_VAR", "ROBUSTFT_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant())
            .Replace("PG_VAR", "ROBUSTFT_UNSET_" + Guid.NewGuid().ToString("N").ToUpperInvariant());

        var root = Hocon.Resolve(text);

        Assert.Equal(0.5, root.At("robustft.method.beta").GetDouble());
        Assert.Equal("both-agree", root.Text("robustft.method.checker"));
        Assert.IsType<HoconNumber>(root.At("robustft.method.threshold"));
        Assert.Equal(string.Empty, root.Text("robustft.inference.onnxruntime-library"));
        Assert.Equal("cpu", root.Text("robustft.inference.generator.execution-provider"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), HoconDuration.Parse(root.At("robustft.inference.batching.max-wait")));
        Assert.Null(root.Find("robustft.store.postgres.password"));
        var task = (HoconObject)Assert.Single(((HoconArray)root.At("robustft.tasks")).Items);
        Assert.Equal("The answer must be an uppercase letter.", task.Text("instruction"));
        Assert.Equal("multi-choice", task.Text("question-type"));
    }

    [Fact]
    public void The_robustft_config_takes_environment_overrides_flattens_and_redacts_the_password()
    {
        using var ort = new EnvironmentVariable("/opt/ort/libonnxruntime.so.1");
        using var pg = new EnvironmentVariable("pg-secret");
        var text = Template.Replace("ORT_VAR", ort.Name).Replace("PG_VAR", pg.Name);

        var config = new ConfigurationBuilder().AddHocon(text, "robustft.conf").Build();
        var json = HoconRenderer.ToJson(Hocon.Resolve(text));

        Assert.Equal("/opt/ort/libonnxruntime.so.1", config["robustft:inference:onnxruntime-library"]);
        Assert.Equal("pg-secret", config["robustft:store:postgres:password"]);
        Assert.Equal("16384", config["robustft:inference:batching:max-batch-tokens"]);
        Assert.Equal("mytask", config["robustft:tasks:0:name"]);
        Assert.Contains("\"password\": \"***\"", json);
        Assert.DoesNotContain("pg-secret", json);
        Assert.Contains("\"max-new-tokens\": 256", json);
        Assert.Contains("\"k\": 3", json);
    }
}
