using System.Text.Json.Serialization;

namespace RobustFT.Core.Method;

/// <summary>How the consistency score r decides clean versus noisy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckerRule>))]
public enum CheckerRule
{
    /// <summary>The reference rule: clean iff both experts agree with the label (r = 1).</summary>
    BothAgree,
    /// <summary>Clean iff r is at least the configured threshold (r = share of experts agreeing with the label).</summary>
    Threshold,
    /// <summary>An LLM reads the question, label and both predictions and says whether the label looks noisy.</summary>
    Llm,
}
