using System.Management.Automation.Language;

namespace EicAgent.Install.Tests;

/// <summary>
/// install.ps1 cannot run on Linux; what can be checked here is that PowerShell parses it, and that it uses
/// nothing newer than Windows PowerShell 5.1, the one every Windows has.
/// </summary>
public sealed class WindowsInstallerTests
{
    private static readonly string Script = Path.Combine(Checkout.Root, "install.ps1");

    [Fact]
    public void Parses_without_errors()
    {
        Parser.ParseFile(Script, out _, out var errors);

        Assert.Empty(errors.Select(error => $"{error.Extent.StartLineNumber}: {error.Message}"));
    }

    [Fact]
    public void Uses_no_syntax_that_Windows_PowerShell_5_1_lacks()
    {
        var ast = Parser.ParseFile(Script, out var tokens, out _);

        TokenKind[] newerTokens = [TokenKind.QuestionQuestion, TokenKind.QuestionQuestionEquals, TokenKind.QuestionDot, TokenKind.QuestionLBracket, TokenKind.AndAnd, TokenKind.OrOr];
        Assert.Empty(tokens.Where(token => newerTokens.Contains(token.Kind)).Select(token => $"{token.Extent.StartLineNumber}: {token.Text}"));
        Assert.Empty(ast.FindAll(node => node is TernaryExpressionAst or PipelineChainAst, searchNestedScriptBlocks: true).Select(node => node.Extent.Text));
    }

    [Fact]
    public void Offers_uninstall_and_a_prebuilt_eic_like_the_posix_installer()
    {
        var ast = Parser.ParseFile(Script, out _, out _);

        var parameters = ast.ParamBlock.Parameters.Select(parameter => parameter.Name.VariablePath.UserPath);
        Assert.Equal(["Uninstall", "From"], parameters);
    }
}
