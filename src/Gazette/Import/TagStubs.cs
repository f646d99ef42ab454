using Gazette.Articles;
using Gazette.Data;

namespace Gazette.Import;

/// <summary>An imported article's tag by id alone: the tag row exists already, so none is read to link it.</summary>
public static class TagStubs
{
    /// <summary>The tracked tag with this id, or a stub attached as unchanged (linking it writes only the link row).</summary>
    public static Tag TagStub(this GazetteDb db, int id)
    {
        if (db.Tags.Local.FirstOrDefault(t => t.Id == id) is { } tracked)
        {
            return tracked;
        }
        var stub = new Tag { Id = id, Slug = "", Name = "" };
        db.Tags.Attach(stub);
        return stub;
    }
}
