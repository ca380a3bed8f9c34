using System.Text.Json;
using System.Text.Json.Nodes;
using OgpCoCreate.Journal;

namespace OgpCoCreate.Publishing;

/// <summary>The grains of one plan whose journals are public: the plan, its commitments, institutions and rounds.</summary>
public sealed record JournalScope(string PlanId, IReadOnlySet<string> CommitmentIds, IReadOnlySet<string> InstitutionIds, IReadOnlySet<string> RoundIds)
{
    public bool Contains(string grainType, string grainKey) => grainType switch
    {
        "plan" or "plan-adoption" or "consultation-index" => grainKey == PlanId,
        "commitment" or "approval" => CommitmentIds.Contains(grainKey),
        "institution" or "approval-delegations" => InstitutionIds.Contains(grainKey),
        "consultation-round" => RoundIds.Contains(grainKey),
        // Anything else (inboxes, notifications, contributors' rate limits, future grains) is not published
        // until someone decides it is public and lists it here.
        _ => false,
    };
}

/// <summary>
/// The journal as the public repository shows it. Per entry: no actor id; the actor's name only where the
/// public views show it too; the payload without any property that could carry account secrets or contact
/// details, and with e-mail-like strings reduced to their local part.
/// </summary>
public static class PublicJournal
{
    /// <summary>Property names never published, whatever grain wrote them (compared case-insensitively).</summary>
    private static readonly HashSet<string> PrivateProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "email", "normalizedEmail", "userName", "normalizedUserName", "passwordHash", "password", "securityStamp",
        "concurrencyStamp", "phoneNumber", "token", "accessToken", "refreshToken", "authorId", "moderation", "reports", "draft",
    };

    /// <summary>
    /// Consultation events whose actor the round's public view does not show: who supported, reported,
    /// moderated or drafted a response is not public (hidden contributions' authors neither, see <see cref="ToPublic"/>).
    /// </summary>
    private static readonly HashSet<string> ConsultationEventsWithoutActor = new(StringComparer.Ordinal)
    {
        "ContributionSupported", "ContributionReported", "ReportsDismissed", "ContributionHidden", "ContributionRestored",
        "ResponseDrafted", "ResponseDraftDiscarded",
    };

    /// <param name="hiddenContributions">Ids (<c>{roundId}/{contributionId}</c>) of contributions hidden now: their authors are not named.</param>
    public static PublicJournalEvent ToPublic(JournalEntry entry, IReadOnlySet<string> hiddenContributions)
    {
        var payload = Scrub(ParseOrString(entry.PayloadJson));
        var actor = PublicNames.Mask(entry.ActorName);
        if (entry.GrainType == "consultation-round")
        {
            if (ConsultationEventsWithoutActor.Contains(entry.EventType))
            {
                actor = "";
            }
            else if (entry.EventType == "ContributionPosted" && payload is JsonObject o
                && o["id"] is JsonValue id && id.TryGetValue<string>(out var contributionId)
                && hiddenContributions.Contains($"{entry.GrainKey}/{contributionId}"))
            {
                actor = "";
            }
        }
        using var document = JsonDocument.Parse(payload?.ToJsonString() ?? "null");
        return new PublicJournalEvent(entry.Sequence, entry.GrainType, entry.GrainKey, entry.EventType, actor, entry.At, document.RootElement.Clone());
    }

    private static JsonNode? ParseOrString(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static JsonNode? Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (name, value) in o)
                {
                    if (!PrivateProperties.Contains(name))
                    {
                        result[name] = Scrub(value);
                    }
                }
                return result;
            case JsonArray a:
                return new JsonArray([.. a.Select(Scrub)]);
            case JsonValue v when v.TryGetValue<string>(out var text):
                return JsonValue.Create(PublicNames.Mask(text));
            case null:
                return null;
            default:
                return node.DeepClone();
        }
    }
}
