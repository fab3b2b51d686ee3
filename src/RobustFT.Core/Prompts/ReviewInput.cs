namespace RobustFT.Core.Prompts;

/// <summary>What the review step sees of the reasoning and context experts (config <c>robustft.prompts.review-input</c>).</summary>
public enum ReviewInput
{
    /// <summary>Their whole responses, reasoning included.</summary>
    Responses,

    /// <summary>Only their extracted answers (ŷʳ and ŷᶜ), as the reference's review template is given them.</summary>
    Predictions,
}
