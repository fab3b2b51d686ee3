using RobustFT.Core.Prompts;
using RobustFT.Core.Tasks;
using RobustFT.Core.Tests.Support;

namespace RobustFT.Core.Tests.Prompts;

public class PromptBuilderTests
{
    private static readonly PromptBuilder Builder = new(TaskProfiles.Resolve("arc"), new PromptTemplates());

    [Fact]
    public void FormatsOptionsWithLetters() =>
        Assert.Equal("Options:\nA. red\nB. blue\n", PromptBuilder.FormatOptions(["red", "blue"]));

    [Fact]
    public void OpenQuestionsHaveNoOptionsBlock() => Assert.Equal("", PromptBuilder.FormatOptions([]));

    [Fact]
    public void VanillaPromptHoldsQuestionOptionsAndInstruction()
    {
        var messages = Builder.Vanilla(TestSamples.Create("s", question: "Which is warm?", options: ["ice", "fire"]));
        var message = Assert.Single(messages);
        Assert.Equal("user", message.Role);
        Assert.Contains("Which is warm?", message.Content);
        Assert.Contains("A. ice\nB. fire", message.Content);
        Assert.Contains("The answer must be uppercase letter.", message.Content);
        Assert.Contains("multi-choice", message.Content);
    }

    [Fact]
    public void EachReasoningRoundAddsTheResponseAndAReflectionTurn()
    {
        var sample = TestSamples.Create("s");
        Assert.Single(Builder.Reasoning(sample, []));
        var messages = Builder.Reasoning(sample, ["first try", "second try"]);
        Assert.Equal(["user", "assistant", "user", "assistant", "user"], messages.Select(m => m.Role));
        Assert.Equal("first try", messages[1].Content);
        Assert.Equal("second try", messages[3].Content);
        Assert.Contains("Reflect", messages[2].Content);
    }

    [Fact]
    public void ContextPromptHoldsTheNeighboursWithTheirAnswers()
    {
        var neighbour = TestSamples.Create("n", "C", question: "Which is cold?", options: ["fire", "sun", "ice"]);
        var content = Builder.Context(TestSamples.Create("s", question: "Which is warm?"), [neighbour]).Single().Content;
        Assert.Contains("Question: Which is cold?\nOptions:\nA. fire\nB. sun\nC. ice\nAnswer: C", content);
        Assert.Contains("Which is warm?", content);
    }

    [Fact]
    public void TemplatesCanBeOverridden()
    {
        var custom = new PromptBuilder(TaskProfiles.Resolve("arc"), new PromptTemplates { Vanilla = "Q={question} {options}" });
        Assert.Equal("Q=Hot? Options:\nA. x\nB. y", custom.Vanilla(TestSamples.Create("s", question: "Hot?", options: ["x", "y"])).Single().Content);
    }

    [Fact]
    public void BracesInTheQuestionAreNeverTakenForPlaceholders()
    {
        var custom = new PromptBuilder(TaskProfiles.Resolve("arc"), new PromptTemplates { Vanilla = "{question}|{options}" });
        var content = custom.Vanilla(TestSamples.Create("s", question: "Is {options} literal?", options: ["x"])).Single().Content;
        Assert.Equal("Is {options} literal?|Options:\nA. x", content);
    }

    [Fact]
    public void ReviewAndCheckerPromptsCarryThePredictions()
    {
        var sample = TestSamples.Create("s", "B");
        var review = Builder.Review(sample, new ExpertAnswer("reasoned D", "D"), new ExpertAnswer("context C", "C")).Single().Content;
        Assert.Contains("reasoned D", review);
        Assert.Contains("context C", review);
        var checker = Builder.Checker(sample, "base A", "reasoned D").Single().Content;
        Assert.Contains("Given answer (may be noisy): B", checker);
        Assert.Contains("base A", checker);
    }

    [Fact]
    public void ReviewGivenPredictionsCarriesTheExtractedAnswersOnly()
    {
        var builder = new PromptBuilder(TaskProfiles.Resolve("arc"),
            new PromptTemplates { ReviewInput = ReviewInput.Predictions, Review = "R[{reasoning_prediction}] C[{context_prediction}]" });
        var review = builder.Review(TestSamples.Create("s", "B"), new ExpertAnswer("long reasoning\nAnswer: D", "D"),
            new ExpertAnswer("Answer: C", "C")).Single().Content;
        Assert.Equal("R[D] C[C]", review);
    }

    [Fact]
    public void Context_prompt_without_neighbours_is_the_vanilla_prompt_and_mentions_no_examples()
    {
        var sample = TestSamples.Create("s", question: "Which is warm?");

        var messages = Builder.Context(sample, []);

        Assert.Equal(Builder.Vanilla(sample), messages);
        Assert.DoesNotContain("example", messages.Single().Content, StringComparison.OrdinalIgnoreCase);
    }
}
