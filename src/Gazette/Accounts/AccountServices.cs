using Microsoft.AspNetCore.Identity;

namespace Gazette.Accounts;

public static class AccountServices
{
    /// <summary>ASP.NET Core Identity accounts: hashed passwords, lockout, and a session cookie that scripts cannot read.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<GazetteUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<Data.GazetteDb>()
            .AddDefaultTokenProviders();
        services.AddScoped<IUserClaimsPrincipalFactory<GazetteUser>, GazetteClaimsFactory>();
        services.AddAuthorization(StaffPolicies.Add);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "gazette_session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/sign-in";
            options.LogoutPath = "/account/sign-out";
            options.AccessDeniedPath = "/account/denied";
        });
        return services;
    }
}
