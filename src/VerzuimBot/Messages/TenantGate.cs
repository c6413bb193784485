using VerzuimBot.Access.Tenants;
using VerzuimBot.Connector.Auth;

namespace VerzuimBot.Messages;

/// <summary>
/// Which tenants may talk to the bot (domain.md §1: schools and kernpartners, often in other tenants).
/// With no organisations configured the local demo (Development, no app id) is open; anywhere else an
/// empty allow-list refuses everyone, so a misconfigured production bot leaks nothing.
/// </summary>
internal sealed class TenantGate(TenantPolicy policy, TenantAllowListOptions options, BotAuthenticationOptions bot, IHostEnvironment environment)
{
    public bool OpenDemo => options.Organisations.Count == 0 && bot.IsDevelopmentMode && environment.IsDevelopment();

    public TenantCheck Check(string? tenantId) =>
        OpenDemo ? new TenantCheck(true, [], null, null) : policy.Check(tenantId);
}
