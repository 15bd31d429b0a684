using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Realign.Server.Internal;

/// <summary>Reads the server's TLS certificate: PEM (certificate and key files) or PFX (with its password).</summary>
internal static class ServerCertificate
{
    /// <exception cref="ArgumentException">A file that is missing or cannot be read as a certificate with its key, in one line.</exception>
    public static X509Certificate2 Load(string certificateFile, string? keyFile, string? password)
    {
        if (!File.Exists(certificateFile))
        {
            throw new ArgumentException($"the certificate file '{certificateFile}' does not exist");
        }

        if (keyFile is not null && !File.Exists(keyFile))
        {
            throw new ArgumentException($"the certificate key file '{keyFile}' does not exist");
        }

        try
        {
            var certificate = keyFile is not null || certificateFile.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || certificateFile.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(certificateFile, keyFile)
                : X509CertificateLoader.LoadPkcs12FromFile(certificateFile, password);
            if (!certificate.HasPrivateKey)
            {
                certificate.Dispose();
                throw new ArgumentException($"the certificate '{certificateFile}' has no private key (give --certificate-key for a PEM)");
            }

            return certificate;
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"the certificate '{certificateFile}' could not be read: {ex.Message.ReplaceLineEndings(" ")}", ex);
        }
    }
}
