using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace SupplyChain.Silo.KeyRing;

/// <summary>
/// The Data Protection key ring in an Azure Blob container, one blob per element (a key, a
/// revocation) under <c>{serviceId}/</c>, so every silo of a service reads and adds to the same
/// ring and a secret protected on one silo is read on any other. Blobs are only ever added, never
/// overwritten (an upload that would replace one gets a fresh name), so two silos creating keys at
/// once both keep theirs. Data Protection calls this synchronously and seldom (when a silo first
/// needs the ring, then about daily and when a key is due), so the blocking calls cost nothing on
/// the request path. Thread safe.
/// </summary>
internal sealed class BlobKeyRing : IXmlRepository
{
    private readonly BlobContainerClient _container;
    private readonly string _prefix;
    private volatile bool _containerExists;

    public BlobKeyRing(BlobContainerClient container, string serviceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceId);
        _container = container;
        _prefix = SafeName(serviceId.ToLowerInvariant()) + "/";
    }

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureContainer();
        var elements = new List<XElement>();
        foreach (var blob in _container.GetBlobs(BlobTraits.None, BlobStates.None, _prefix, CancellationToken.None))
        {
            BinaryData content;
            try
            {
                content = _container.GetBlobClient(blob.Name).DownloadContent().Value.Content;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Removed by an operator between the listing and the read.
                continue;
            }

            using var stream = content.ToStream();
            elements.Add(XElement.Load(stream));
        }

        return elements.AsReadOnly();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureContainer();
        var content = BinaryData.FromString(element.ToString(SaveOptions.DisableFormatting));
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/xml" },
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
        };
        try
        {
            _container.GetBlobClient(_prefix + SafeName(friendlyName) + ".xml").Upload(content, options);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            _container.GetBlobClient($"{_prefix}{SafeName(friendlyName)}-{Guid.NewGuid():N}.xml").Upload(content, options);
        }
    }

    private void EnsureContainer()
    {
        if (!_containerExists)
        {
            _container.CreateIfNotExists();
            _containerExists = true;
        }
    }

    /// <summary>Letters, digits, '-' and '_' of <paramref name="name"/>, anything else as '-': a blob name with no path of its own.</summary>
    private static string SafeName(string name)
    {
        var safe = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-');
        }

        return safe.Length > 0 ? safe.ToString() : "element";
    }
}
