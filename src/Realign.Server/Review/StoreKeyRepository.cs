using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Realign.Storage;

namespace Realign.Server.Review;

/// <summary>The data protection key ring in the server's store (<c>protection_keys</c>), so every server on one store seals
/// and opens the same session cookies and antiforgery tokens, and a restart signs nobody out.</summary>
/// <remarks>The framework calls this rarely (at start and when a key is due, every 90 days) and synchronously.</remarks>
internal sealed class StoreKeyRepository(IReplicaStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.ListProtectionKeysAsync().GetAwaiter().GetResult().Select(xml => XElement.Parse(xml)).ToList();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        store.AddProtectionKeyAsync(name, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
