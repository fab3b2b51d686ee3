namespace RobustFT.Core.Prompts;

/// <summary>The method's prompt templates (config <c>robustft.prompts.*</c>), with the paper's structure in our own
/// wording. Placeholders in braces: {question_type}, {question}, {options}, {instruction}, {examples},
/// {reasoning_prediction}, {context_prediction}, {label}, {base_prediction}, {previous}.</summary>
public sealed record PromptTemplates
{
    private const string AnswerFormat =
        "Write your final answer on its own line as \"Answer: \" followed immediately by the answer, with no other punctuation. {instruction}";

    public string Vanilla { get; init; } =
        "Answer this {question_type} question directly. " + AnswerFormat + "\n\nQuestion:\n{question}\n\n{options}";

    public string Reasoning { get; init; } =
        "Answer this {question_type} question.\n\nGuidelines:\n1. Reason step by step, then reflect on your reasoning and fix any mistake before answering.\n2. " +
        AnswerFormat + "\n3. Keep the reasoning clear and short.\n\nQuestion:\n{question}\n\n{options}";

    /// <summary>Follow-up turn of each extra reasoning round (self-reflection on the previous answer).</summary>
    public string Reflection { get; init; } =
        "Reflect on your previous answer: check each step against the question and the options, and correct it if needed. " + AnswerFormat;

    public string Context { get; init; } =
        "Here are solved examples of similar questions.\n{examples}\n\nAnswer this {question_type} question. " + AnswerFormat +
        "\n\nQuestion:\n{question}\n\n{options}";

    public string Review { get; init; } =
        "You review predictions to decide the final answer of a {question_type} question.\n\nQuestion:\n{question}\n{options}\n" +
        "1. Prediction with step-by-step reasoning:\n{reasoning_prediction}\n\n2. Prediction from similar solved examples:\n{context_prediction}\n\n" +
        "Give the final answer. It must start with exactly \"Answer: \" followed immediately by the answer, with no other punctuation. {instruction}";

    /// <summary>What the review step is given as {reasoning_prediction} and {context_prediction} (config
    /// <c>robustft.prompts.review-input</c>): the experts' whole responses, or only their extracted answers as the
    /// reference's review template does.</summary>
    public ReviewInput ReviewInput { get; init; }

    public string Checker { get; init; } =
        "You are a careful checker. Decide whether the given answer to this question is likely to be wrong.\n\nQuestion:\n{question}\n{options}\n" +
        "1. Given answer (may be noisy): {label}\n\n2. Direct prediction: {base_prediction}\n\n3. Prediction with reasoning: {reasoning_prediction}\n\n" +
        "A noisy answer usually disagrees with most predictions.\nReply Y if the given answer looks noisy or wrong, N if it looks reliable.\n" +
        "Your response must be \"Answer: \" followed immediately by Y or N.";
}
