using Microsoft.AspNetCore.Identity;
using OgpCoCreate.Common;
using OgpCoCreate.Identity;

namespace OgpCoCreate.Http;

/// <summary>Grains cannot see Identity: the API checks that the accounts a request names exist.</summary>
public static class Accounts
{
    /// <summary>Adds a field error <c>{field}[i]</c> for every id that names no account.</summary>
    public static async Task<Validation> RequireExistingAsync(this Validation validation, UserManager<OgpUser> users, IReadOnlyList<string?>? ids, string field, string? itemSuffix = null)
    {
        for (var i = 0; i < (ids?.Count ?? 0); i++)
        {
            var id = ids![i];
            if (!string.IsNullOrWhiteSpace(id) && id.Length <= 450)
            {
                validation.Require(await users.FindByIdAsync(id) is not null, $"{field}[{i}]{itemSuffix}", $"There is no account '{id}'.");
            }
        }
        return validation;
    }
}
