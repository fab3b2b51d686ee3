namespace RobustFT.Core.Prompts;

/// <summary>One turn of a chat prompt. Roles: system, user, assistant.</summary>
public sealed record ChatMessage(string Role, string Content)
{
    public static ChatMessage User(string content) => new("user", content);
    public static ChatMessage Assistant(string content) => new("assistant", content);
    public static ChatMessage System(string content) => new("system", content);
}
