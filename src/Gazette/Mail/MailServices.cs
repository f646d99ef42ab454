using Gazette.Data;
using Microsoft.EntityFrameworkCore;

namespace Gazette.Mail;

public static class MailServices
{
    /// <summary>The outbox features queue mail in, and the sender that delivers it (by SMTP, or into .eml files).</summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MailOptions>, MailOptionsValidation>();
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSaveWatch>();
        services.AddSingleton<Outbox>();
        // Composed with the options AddGazetteData gives the context: the outbox is woken when a queued message is stored.
        services.ConfigureDbContext<GazetteDb>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxSaveWatch>()));
        return services;
    }
}
