using System.IO.Compression;
using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;

namespace OgpCoCreate.Publishing;

/// <summary>A deterministic package: the same document gives the same bytes (stable part names, relationship ids and ZIP dates).</summary>
public static partial class ActionPlanDocx
{
    private const string CorePropertiesPart = "docProps/core.xml";
    private const string CorePropertiesType = "application/vnd.openxmlformats-package.core-properties+xml";
    private static readonly XNamespace RelationshipsNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private static readonly XNamespace ContentTypesNs = "http://schemas.openxmlformats.org/package/2006/content-types";

    /// <summary>
    /// Rewrites the package so that the same document gives the same bytes: System.IO.Packaging names the
    /// core-properties part and the package relationships with random ids, and dates ZIP entries with the
    /// clock. Here the core properties become <c>docProps/core.xml</c> (where Word puts them), the package
    /// relationships <c>rId1</c>, <c>rId2</c>…, and every entry is dated <paramref name="at"/>.
    /// </summary>
    private static byte[] Normalize(byte[] package, DateTimeOffset at)
    {
        var files = new List<(string Name, byte[] Content)>();
        using (var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        {
            foreach (var entry in zip.Entries)
            {
                using var content = entry.Open();
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                files.Add((entry.FullName, copy.ToArray()));
            }
        }
        var core = files.FirstOrDefault(f => f.Name.EndsWith(".psmdcp", StringComparison.Ordinal)).Name;
        for (var i = 0; i < files.Count; i++)
        {
            var (name, content) = files[i];
            if (name == core)
            {
                files[i] = (CorePropertiesPart, content);
            }
            else if (name == "_rels/.rels")
            {
                var xml = Load(content);
                var n = 0;
                foreach (var relationship in xml.Root!.Elements(RelationshipsNs + "Relationship"))
                {
                    relationship.SetAttributeValue("Id", $"rId{++n}");
                    if (core is not null && (string?)relationship.Attribute("Target") == "/" + core)
                    {
                        relationship.SetAttributeValue("Target", "/" + CorePropertiesPart);
                    }
                }
                files[i] = (name, Save(xml));
            }
            else if (name == "[Content_Types].xml" && core is not null)
            {
                var xml = Load(content);
                xml.Root!.Elements(ContentTypesNs + "Default").Where(d => (string?)d.Attribute("Extension") == "psmdcp").Remove();
                xml.Root.Add(new XElement(ContentTypesNs + "Override", new XAttribute("PartName", "/" + CorePropertiesPart), new XAttribute("ContentType", CorePropertiesType)));
                files[i] = (name, Save(xml));
            }
        }
        return OpenDataWriter.Zip(files, at);
    }

    private static XDocument Load(byte[] content)
    {
        using var stream = new MemoryStream(content);
        return XDocument.Load(stream);
    }

    private static byte[] Save(XDocument xml)
    {
        using var stream = new MemoryStream();
        using (var writer = System.Xml.XmlWriter.Create(stream, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false) }))
        {
            xml.Save(writer);
        }
        return stream.ToArray();
    }
}
