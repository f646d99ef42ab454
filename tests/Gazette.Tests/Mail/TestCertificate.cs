using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gazette.Tests.Mail;

/// <summary>A self-signed certificate for 127.0.0.1, made for one test, as PEM files.</summary>
public sealed record TestCertificate(string CertificateFile, string KeyFile)
{
    public static TestCertificate Make()
    {
        var folder = Directory.CreateTempSubdirectory("gazette-cert-").FullName;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var certificateFile = Path.Combine(folder, "smtp.crt");
        var keyFile = Path.Combine(folder, "smtp.key");
        File.WriteAllText(certificateFile, certificate.ExportCertificatePem());
        File.WriteAllText(keyFile, key.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(certificateFile, keyFile);
    }
}
