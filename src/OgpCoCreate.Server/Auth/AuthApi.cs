using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OgpCoCreate.Identity;
using OgpCoCreate.Security;

namespace OgpCoCreate.Auth;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName, string? Language);

public sealed record MeResponse(string Id, string Email, string DisplayName, string Language, IReadOnlyList<string> Roles, IReadOnlyList<string> Institutions);

/// <summary>
/// Sign-in for browsers (cookie) and for API and hub clients (bearer token, the shape of ASP.NET Core
/// Identity's API endpoints: <c>{ tokenType, accessToken, expiresIn, refreshToken }</c>).
/// </summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");
        group.MapPost("/login", Login).AllowAnonymous();
        group.MapPost("/refresh", Refresh).AllowAnonymous();
        group.MapPost("/logout", Logout);
        group.MapPost("/register", Register).AllowAnonymous();
        group.MapGet("/me", Me).RequireAuthorization();
        return group;
    }

    /// <summary>Bearer token by default; <c>?useCookies=true</c> sets the browser cookie instead.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> Login(
        LoginRequest request, bool? useCookies, SignInManager<OgpUser> signIn)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem("Give both an e-mail address and a password.", statusCode: StatusCodes.Status400BadRequest, title: "Missing credentials");
        }
        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var user = await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            return InvalidCredentials();
        }
        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: useCookies == true, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem("Too many failed attempts: this account is locked for a few minutes.", statusCode: StatusCodes.Status423Locked, title: "Account locked");
        }
        if (!result.Succeeded)
        {
            return InvalidCredentials();
        }
        // The sign-in handler has already written the token (bearer) or the cookie (browser).
        return TypedResults.Empty;
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem("The e-mail address or the password is wrong.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");

    private static async Task<Results<Ok<AccessTokenResponse>, SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInManager<OgpUser> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem("The refresh token is not valid any more: sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed");
        }
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> Logout(SignInManager<OgpUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    /// <summary>Anyone may register as a participant; every other role is given by an admin.</summary>
    private static async Task<Results<Created<MeResponse>, ValidationProblem>> Register(RegisterRequest request, UserManager<OgpUser> users)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || !new EmailAddressAttribute().IsValid(request.Email) || request.Email.Length > 200)
        {
            errors["email"] = ["Give a valid e-mail address (at most 200 characters)."];
        }
        if (string.IsNullOrWhiteSpace(request.DisplayName) || request.DisplayName.Length > 200)
        {
            errors["displayName"] = ["Give the name others will see (at most 200 characters)."];
        }
        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Choose a password."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var user = new OgpUser
        {
            UserName = request.Email!.Trim(),
            Email = request.Email.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            PreferredLanguage = request.Language is "ar" or "fr" or "en" ? request.Language : "fr",
            EmailConfirmed = false,
        };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return TypedResults.ValidationProblem(created.Errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        await users.AddToRoleAsync(user, OgpRoles.Participant);
        return TypedResults.Created("/api/auth/me", new MeResponse(user.Id, user.Email, user.DisplayName, user.PreferredLanguage, [OgpRoles.Participant], []));
    }

    private static async Task<Results<Ok<MeResponse>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, UserManager<OgpUser> users)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }
        var actor = principal.ToActor();
        return TypedResults.Ok(new MeResponse(user.Id, user.Email ?? "", user.DisplayName, user.PreferredLanguage, [.. actor.Roles.Order()], [.. actor.Institutions.Order()]));
    }
}
