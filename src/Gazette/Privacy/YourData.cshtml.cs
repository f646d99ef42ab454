using Gazette.Accounts;
using Gazette.Comments;
using Microsoft.Extensions.Options;

namespace Gazette.Privacy;

/// <summary>
/// /account/data: what the site keeps about this reader, the download of all of it (/account/data/export), and the
/// way to delete the account. A guest sees what their browser's cookie wrote, and can download that too.
/// </summary>
public sealed class YourDataModel(Readers readers, PersonalData data, IOptions<PrivacyOptions> privacy) : AccountPageModel
{
    public Reader Reader { get; private set; } = null!;
    public PersonalData.Summary? Summary { get; private set; }
    public PrivacyOptions Privacy => privacy.Value;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Reader = readers.Current(HttpContext);
        if (Reader.IsMember || Reader.GuestKeyHash is not null)
        {
            Summary = await data.SummaryAsync(Reader, cancellationToken);
        }
    }
}
