namespace Gazette.Profiles;

public static class MemberLinks
{
    /// <summary>A member's public page, by account id (an id says nothing about anyone, unlike an address or a name).</summary>
    public static string Profile(string userId) => $"/members/{Uri.EscapeDataString(userId)}";
}
