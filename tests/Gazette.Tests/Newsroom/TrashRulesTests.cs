using Gazette.Articles;
using Gazette.Newsroom;

namespace Gazette.Tests.Newsroom;

/// <summary>The trash's moves in <see cref="ArticleLifecycle"/>, on their own.</summary>
public sealed class TrashRulesTests
{
    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.Submitted)]
    [InlineData(ArticleStatus.Scheduled)]
    [InlineData(ArticleStatus.Published)]
    [InlineData(ArticleStatus.Unpublished)]
    public void AnArticleComesBackFromTheTrashInTheStateItWasIn(ArticleStatus status)
    {
        var article = new Article { Slug = "s", Title = "t", Status = status };

        Assert.Null(ArticleLifecycle.Trash(article, DateTime.UnixEpoch));
        Assert.Equal((ArticleStatus.Trashed, (ArticleStatus?)status, (DateTime?)DateTime.UnixEpoch), (article.Status, article.TrashedFrom, article.TrashedAt));
        Assert.Equal("This article is already in the trash.", ArticleLifecycle.Trash(article, DateTime.UnixEpoch));
        Assert.Null(ArticleLifecycle.Restore(article));

        Assert.Equal((status, (ArticleStatus?)null, (DateTime?)null), (article.Status, article.TrashedFrom, article.TrashedAt));
        Assert.Equal("This article is not in the trash.", ArticleLifecycle.Restore(article));
    }

    [Theory]
    [InlineData(EditorAction.Save)]
    [InlineData(EditorAction.Publish)]
    [InlineData(EditorAction.Schedule)]
    [InlineData(EditorAction.Submit)]
    public void NothingTheEditorDoesMovesAnArticleOutOfTheTrash(EditorAction action) =>
        Assert.Equal((ArticleStatus.Trashed, "This article is in the trash. Restore it first."), ArticleLifecycle.Next(ArticleStatus.Trashed, action));
}
