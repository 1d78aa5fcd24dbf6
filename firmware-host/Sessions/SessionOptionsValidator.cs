using Microsoft.Extensions.Options;

namespace AmpsDevice.FirmwareHost.Sessions;

/// <summary>
/// Checks <see cref="SessionOptions"/> against its attributes at start, with code the options source generator
/// writes (no reflection: the service compiles ahead of time).
/// </summary>
[OptionsValidator]
public sealed partial class SessionOptionsValidator : IValidateOptions<SessionOptions>;
