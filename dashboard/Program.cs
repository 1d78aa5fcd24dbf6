using AmpsDevice.Dashboard.Audit;
using AmpsDevice.Dashboard.Cli;
using AmpsDevice.Dashboard.Commands;
using AmpsDevice.Dashboard.Devices;
using AmpsDevice.Dashboard.History;
using AmpsDevice.Dashboard.Hosting;
using AmpsDevice.Dashboard.Profiles;
using AmpsDevice.Dashboard.Storage;
using AmpsDevice.Dashboard.Users;
using Microsoft.Extensions.Options;

// ampsdashboard: the therapist console and the clinic dashboard. Its own process, never inside the device
// service; it talks to devices only through the MQTT contract (docs/asyncapi.yaml).

// Without a verb it runs the server below; `ampsdashboard users ...` and `ampsdashboard history prune ...` do their
// work and exit. The command line is docs/dashboard.md's (Cli/). Standard input as a plain stream, read only by
// `users add --password-stdin`: Console.In would set up .NET's terminal handling on every run, the server's too.
using var stdin = new StreamReader(Console.OpenStandardInput());
return await DashboardCli.RunAsync(args, new CliContext(stdin, Console.Out, Console.Error, TimeProvider.System, RunServerAsync));

// hostArgs: --Dashboard:Mqtt=..., --Dashboard:DataDirectory=..., --urls, ... as the command line gave them.
// A configuration it cannot run with (a malformed --mqtt, an https:// URL) is refused as a usage error, in words.
static async Task<int> RunServerAsync(string[] hostArgs)
{
    try
    {
        return await ServeAsync(hostArgs);
    }
    catch (OptionsValidationException e)
    {
        await Console.Error.WriteLineAsync($"ampsdashboard: {string.Join("; ", e.Failures)}");
        return ExitCodes.UsageError;
    }
}

static async Task<int> ServeAsync(string[] hostArgs)
{
    // The slim builder: no IIS integration, no HTTPS or HTTP/3 set-up (TLS belongs to the reverse proxy in front,
    // docs/dashboard.md), so fewer libraries loaded and a smaller resident set (docs/performance.md).
    var builder = WebApplication.CreateSlimBuilder(hostArgs);
    builder.AddDashboardConfiguration();      // --mqtt, --data, --urls; binds 127.0.0.1 by default
    builder.Services.AddStorage();            // SQLite in the data directory, numbered migrations
    builder.Services.AddUsers();              // cookie sign-in, roles, first-run set-up token
    builder.Services.AddDevices();            // MQTT client, live device state, Server-Sent Events
    builder.Services.AddCommands();           // HTTP -> MQTT 5 request/response
    builder.Services.AddAudit();              // every command, who and what the device replied
    builder.Services.AddHistory(builder.Configuration); // every session of every device, kept (after AddDevices)
    builder.Services.AddOpenApi();

    var app = builder.Build();
    await app.Services.MigrateDatabaseAsync();

    app.UseDashboardSecurity();               // headers, CSP, static files, authentication, antiforgery
    app.MapOpenApi("/api/openapi.json");
    app.MapUsers();                           // /login, /logout, /setup, /api/me
    app.MapDevices();                         // /api/devices, live streams
    app.MapCommands();                        // /api/devices/{id}/session/..., pain, alarms/ack, profiles
    app.MapProfiles();                        // /api/profiles/check
    app.MapAudit();                           // /api/audit
    app.MapHistory();                         // /api/history/..., /history pages
    app.MapPages();                           // /, /devices/{id}, /audit

    await app.RunAsync();
    return 0;
}
