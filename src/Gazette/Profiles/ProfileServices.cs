namespace Gazette.Profiles;

public static class ProfileServices
{
    /// <summary>Who is speaking in a discussion: badges, pictures (drawn or uploaded) and members' pages.</summary>
    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.AddScoped<SpeakerQuery>();
        services.AddScoped<AvatarUploads>();
        return services;
    }
}
