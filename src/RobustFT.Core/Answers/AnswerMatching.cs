namespace RobustFT.Core.Answers;

/// <summary>How an extracted multiple-choice answer is compared with a label (config
/// <c>robustft.method.answer-matching</c>, <c>eval --match</c>). Numeric and fuzzy tasks match the same way in both.</summary>
public enum AnswerMatching
{
    /// <summary>The reference's check: the extracted token equals the label exactly, case included, so "B.", "(B)",
    /// "b" and "BB" all fail against "B"; a new label must be exactly one of the sample's option letters.</summary>
    Reference,

    /// <summary>Case-folded, brackets and punctuation stripped, the common prefix compared: "B.", "(B)", "b" and "BB"
    /// match "B"; a new label is the first letter of the cleaned answer when it names an option.</summary>
    Lenient,
}
