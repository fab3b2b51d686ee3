using RobustFT.Core.Samples;

namespace RobustFT.Core.Tests.Support;

public static class TestSamples
{
    public static Sample Create(string id, string label = "A", int line = 2, string question = "Q?", params string[] options) =>
        new(id, line, question, options.Length == 0 ? ["x", "y", "z", "w"] : options, label, new Dictionary<string, string>());
}
