using Gazette.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Comments;

public sealed class SubThreadModel(ThreadQuery threads, Readers readers, TimeProvider clock,
    IOptions<DiscussionOptions> options) : OneCommentPage(threads, readers, clock)
{
    public ThreadView Thread { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }
        var reader = Readers.HasParticipantCookie(Request) ? Reader : null;
        var node = await Threads.SubThreadAsync(id, Target.RootId ?? id, cancellationToken, reader);
        if (node is null)
        {
            return NotFound();
        }
        Thread = new ThreadView([node], null, Target.ArticleSlug, Closed: false, reader, Now, options.Value, DepthOffset: node.Depth);
        return Page();
    }
}
