using Gazette.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gazette.Mail;

public static class MailServices
{
    /// <summary>The outbox features queue mail in, and the sender that delivers it (by SMTP, or into .eml files).</summary>
    public static IServiceCollection AddMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidation>();
        services.AddSingleton<MailRenderer>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSaveWatch>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<OutboxClaims>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddSingleton<MailBuilder>();
        services.AddSingleton<IMailDelivery>(provider => provider.GetRequiredService<IOptions<MailOptions>>().Value.SendsBySmtp
            ? ActivatorUtilities.CreateInstance<SmtpDelivery>(provider)
            : new FolderDelivery(Path.Combine(DataServices.DataPath(provider), MailOptions.FolderName)));
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxSender>());
        // Composed with the options AddGazetteData gives the context: the outbox is woken when a queued message is stored.
        services.ConfigureDbContext<GazetteDb>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxSaveWatch>()));
        return services;
    }
}
