namespace RobustFT.Inference.Onnx.Runtime;

/// <summary>ORT graph optimisation level (values are ORT's <c>GraphOptimizationLevel</c>).</summary>
public enum GraphOptimizationLevel
{
    Disable = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
}
