namespace Gazette.Members;

public static class MemberServices
{
    /// <summary>Who is speaking in a discussion: badges, pictures (drawn or uploaded) and members' pages.</summary>
    public static IServiceCollection AddMembers(this IServiceCollection services)
    {
        services.AddScoped<SpeakerQuery>();
        services.AddScoped<AvatarUploads>();
        return services;
    }
}
