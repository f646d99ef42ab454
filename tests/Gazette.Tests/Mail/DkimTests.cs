using System.Security.Cryptography;
using Gazette.Tests.Discovery;

namespace Gazette.Tests.Mail;

/// <summary>Issue 12: with a DKIM key configured, mail is signed, and an independent verifier (dkimpy, Debian's python3-dkim) accepts it.</summary>
public sealed class DkimTests
{
    private const string Missing = "The DKIM test verifies with Debian's dkimpy: apt-get install -y python3-dkim";

    [Fact]
    public async Task DeliveredMailCarriesADkimSignatureThatAnIndependentVerifierAccepts()
    {
        var verifier = Path.Combine(ExternalTools.RepositoryRoot, "tests", "tools", "dkim-verify.py");
        var installed = File.Exists(SmtpTestServer.Python)
            && (await ExternalTools.RunAsync(SmtpTestServer.Python, ["-c", "import dkim"], TimeSpan.FromSeconds(30))).ExitCode == 0;
        ExternalTools.Require(installed, Missing);
        var keys = Directory.CreateTempSubdirectory("gazette-dkim-").FullName;
        using var key = RSA.Create(2048);
        var privateKey = Path.Combine(keys, "mail.private");
        var publicKey = Path.Combine(keys, "mail.public");
        await File.WriteAllTextAsync(privateKey, key.ExportRSAPrivateKeyPem(), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(publicKey, key.ExportSubjectPublicKeyInfoPem(), TestContext.Current.CancellationToken);
        await using var smtp = await SmtpTestServer.StartAsync();
        await using var site = new MailSite([.. smtp.Settings(),
            new("Mail:Dkim:Domain", "example.org"), new("Mail:Dkim:Selector", "gazette2026"), new("Mail:Dkim:PrivateKeyFile", privateKey)]);
        await site.QueueAsync(["ann@example.org"], thread: "article:1",
            list: new Gazette.Core.Mail.MailList("replies", "https://news.example.org/mail/unsubscribe?t=x"));

        var delivery = (await smtp.WaitForAsync(1)).Single();
        var verified = await RunWithInputAsync(SmtpTestServer.Python, [verifier, publicKey], delivery.Raw);
        var tampered = await RunWithInputAsync(SmtpTestServer.Python, [verifier, publicKey], delivery.Raw.Replace("Test message from", "Tampered message from"));

        Assert.Contains("d=example.org", delivery.Message.Headers["DKIM-Signature"]);
        Assert.Contains("s=gazette2026", delivery.Message.Headers["DKIM-Signature"]);
        Assert.True(verified.ExitCode == 0, $"dkimpy refused the signature: {verified.Output} {verified.Error}");
        Assert.Contains("gazette2026._domainkey.example.org", verified.Output);
        Assert.NotEqual(0, tampered.ExitCode);
    }

    private static async Task<ExternalTools.Run> RunWithInputAsync(string program, string[] arguments, string input)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new ExternalTools.Run(process.ExitCode, await output, await error);
    }
}
