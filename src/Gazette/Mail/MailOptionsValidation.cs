using System.Security.Cryptography;
using Gazette.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gazette.Mail;

/// <summary>What data annotations cannot say about Mail: a From that parses, a DKIM key that is whole and readable, a certificate file that exists.</summary>
public sealed class MailOptionsValidation(IOptionsMonitor<SiteOptions> site) : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var failures = new List<string>();
        if (options.Sender(site.CurrentValue.Name) is null)
        {
            failures.Add($"Mail:From is '{options.From}': it must be an address (news@example.org), optionally with a name (\"Example News\" <news@example.org>).");
        }
        if (options.Dkim.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.Dkim.Domain) || string.IsNullOrWhiteSpace(options.Dkim.Selector) || string.IsNullOrWhiteSpace(options.Dkim.PrivateKeyFile))
            {
                failures.Add("DKIM signing needs all three of Mail:Dkim:Domain, Mail:Dkim:Selector and Mail:Dkim:PrivateKeyFile.");
            }
            else if (!File.Exists(options.Dkim.PrivateKeyFile))
            {
                failures.Add($"Mail:Dkim:PrivateKeyFile '{options.Dkim.PrivateKeyFile}' does not exist.");
            }
            else
            {
                try
                {
                    using var key = RSA.Create();
                    key.ImportFromPem(File.ReadAllText(options.Dkim.PrivateKeyFile));
                }
                catch (Exception e) when (e is ArgumentException or CryptographicException or IOException or UnauthorizedAccessException)
                {
                    failures.Add($"Mail:Dkim:PrivateKeyFile '{options.Dkim.PrivateKeyFile}' is not a readable RSA private key in PEM: {e.Message}");
                }
            }
        }
        if (!string.IsNullOrWhiteSpace(options.Smtp.CertificateFile) && !File.Exists(options.Smtp.CertificateFile))
        {
            failures.Add($"Mail:Smtp:CertificateFile '{options.Smtp.CertificateFile}' does not exist.");
        }
        if (options.Retry.MaxDelay < options.Retry.FirstDelay)
        {
            failures.Add("Mail:Retry:MaxDelay must not be shorter than Mail:Retry:FirstDelay.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
