namespace Gazette.Media;

public static class MediaServices
{
    /// <summary>Image uploads, checked by content and kept under the data folder's media/.</summary>
    public static IServiceCollection AddMedia(this IServiceCollection services)
    {
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImageUploads>();
        services.AddScoped<MediaLibrary>();
        services.AddSingleton<StoredImages>();
        return services;
    }
}
