using RobustFT.Core.Answers;
using RobustFT.Core.Evaluation;
using RobustFT.Core.Tasks;
using RobustFT.Core.Tests.Support;

namespace RobustFT.Core.Tests.Answers;

/// <summary>Response forms a model really writes, each with the verdict of the reference's check and of the lenient
/// one (extraction, then matching, as the checker and <c>eval</c> do).</summary>
public class AnswerMatchingTableTests
{
    [Theory]
    //          response                                   task         label          reference  lenient
    [InlineData("Answer: B",                               "arc",       "B",           true,      true)]
    [InlineData("answer: B",                               "arc",       "B",           true,      true)]   // the marker is case-insensitive
    [InlineData("ANSWER:B",                                "arc",       "B",           true,      true)]
    [InlineData("Answer : B",                              "arc",       "B",           true,      true)]
    [InlineData("Answer:    B",                            "arc",       "B",           true,      true)]   // spaces after the colon
    [InlineData("Answer:\nB",                              "arc",       "B",           true,      true)]   // a newline is whitespace too
    [InlineData("Answer: b",                               "arc",       "B",           false,     true)]   // lower case
    [InlineData("Answer: B.",                              "arc",       "B",           false,     true)]   // trailing punctuation
    [InlineData("Answer: B,",                              "arc",       "B",           false,     true)]
    [InlineData("Answer: (B)",                             "arc",       "B",           false,     true)]   // brackets
    [InlineData("Answer: B)",                              "arc",       "B",           false,     true)]
    [InlineData("Answer: **B**",                           "arc",       "B",           false,     true)]   // markdown bold
    [InlineData("Answer: 'B'",                             "arc",       "B",           false,     true)]
    [InlineData("Answer: BB",                              "arc",       "B",           false,     true)]   // doubled letter
    [InlineData("Answer: Because",                         "arc",       "B",           false,     true)]   // lenient's prefix cut
    [InlineData("Answer: C",                               "arc",       "B",           false,     false)]
    [InlineData("Reasoning first.\nAnswer: B",             "arc",       "B",           true,      true)]
    [InlineData("Final Answer: B",                         "arc",       "B",           true,      true)]
    [InlineData("Answer: B\nAnswer: C",                    "arc",       "B",           true,      true)]   // several lines: the first counts
    [InlineData("Answer: C\nAnswer: B",                    "arc",       "B",           false,     false)]
    [InlineData("B",                                       "arc",       "B",           true,      true)]   // no Answer: line: the first character
    [InlineData("b) because the plant needs light",        "arc",       "B",           true,      true)]   // ... upper-cased
    [InlineData("   B is right",                           "arc",       "B",           true,      true)]   // leading spaces
    [InlineData("I think B",                               "arc",       "B",           false,     false)]  // free text: "I"
    [InlineData("The answer is B",                         "arc",       "B",           false,     false)]  // no colon, so "T"
    [InlineData("",                                        "arc",       "B",           false,     false)]
    [InlineData("Answer: 12.5%",                           "convfinqa", "0.125",       true,      true)]   // percent divides by 100
    [InlineData("Answer: 1,234",                           "convfinqa", "1234",        true,      true)]   // thousands separators
    [InlineData("Answer: 1,234.5",                         "convfinqa", "1234.5",      true,      true)]
    [InlineData("Answer: 50%",                             "convfinqa", "50",          false,     false)]
    [InlineData("Answer: 99.5",                            "convfinqa", "100",         true,      true)]   // within 1 % relative
    [InlineData("Answer: about",                           "convfinqa", "3",           false,     false)]
    [InlineData("The total is 42",                         "convfinqa", "42",          false,     false)]  // free text: "T" has no number
    [InlineData("Answer: Touchdowns.",                     "drop",      "touchdowns",  true,      true)]   // fuzzy normalises
    [InlineData("Answer: the Eiffel Tower",                "drop",      "Eiffel Tower", false,    false)]  // only "the" is extracted
    [InlineData("Paris is the capital",                    "drop",      "Paris",       true,      true)]   // "P" is contained in "paris"
    public void Each_response_form_gets_the_verdict_of_each_matching_mode(string response, string task, string label, bool reference, bool lenient)
    {
        var profile = TaskProfiles.Resolve(task);

        Assert.Equal(reference, PredictionEvaluator.IsCorrect(response, label, profile, AnswerMatching.Reference));
        Assert.Equal(lenient, PredictionEvaluator.IsCorrect(response, label, profile, AnswerMatching.Lenient));
    }

    [Theory]
    [InlineData("B",   "B",  "B")]
    [InlineData("b",   null, "B")]
    [InlineData("(B)", null, "B")]
    [InlineData("B.",  null, "B")]
    [InlineData("BB",  null, "B")]
    [InlineData("E",   null, null)]   // the sample has four options, A to D
    [InlineData("",    null, null)]
    public void A_new_label_must_be_exactly_an_option_letter_under_reference_and_is_cleaned_under_lenient(
        string answer, string? reference, string? lenient)
    {
        var sample = TestSamples.Create("s", "A");
        var arc = TaskProfiles.Resolve("arc");

        Assert.Equal(reference, LabelNormalizer.Normalize(answer, sample, arc, AnswerMatching.Reference));
        Assert.Equal(lenient, LabelNormalizer.Normalize(answer, sample, arc, AnswerMatching.Lenient));
    }
}
